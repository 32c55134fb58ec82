// Loads the OpenAPI documents of one QoD version (bundled, or files given with --spec),
// validates (unless the run already did) and dereferences them, and indexes operations and schemas.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { ApiVersion } from '../config/types.js';
import { asObject, asSchema, asString, isObject, type JsonObject } from './json.js';
import { manifestFor, specsDir } from './manifest.js';
import { apiOfPath, apiOfServerUrl, operationsOf } from './operations.js';
import { API_KINDS, type ApiKind, type JsonSchema, type LoadedSpec, type OperationSpec, type SpecFile } from './types.js';

/** A spec file that cannot be used. The CLI maps it to exit code 2. */
export class SpecLoadError extends Error {
  override readonly name = 'SpecLoadError';
  readonly code = 'QOD_SPEC_INVALID';
  readonly file: string;

  constructor(file: string, detail: string) {
    super(oneLine(`${file}: ${detail}`));
    this.file = file;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface LoadSpecOptions {
  version: ApiVersion;
  /** Documents to use instead of the bundled ones (paths relative to the cwd or absolute). */
  files?: string[];
  /** The run already validated these documents (the CLI process did): only parse and dereference.
   *  Saves each worker process about half a second of OpenAPI schema validation. */
  validated?: boolean;
}

interface FileToLoad {
  path: string;
  /** APIs from the manifest; undefined for user-supplied files. */
  apis?: ApiKind[];
  validated?: boolean;
}

/** servers[0].url with every variable except {apiRoot} replaced by its default. */
function serverUrlOf(doc: JsonObject): string {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const first = asObject(servers[0]);
  const url = asString(first.url) ?? '';
  const vars = asObject(first.variables);
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'apiRoot') return whole;
    return asString(asObject(vars[name]).default) ?? whole;
  });
}

/** Path part after {apiRoot}, e.g. "/quality-on-demand/v1". */
function basePathOf(serverUrl: string): string {
  const rest = serverUrl.replace(/^\{apiRoot\}/, '').replace(/^[a-z]+:\/\/[^/]+/i, '');
  const withSlash = rest.startsWith('/') ? rest : '/' + rest;
  return withSlash.replace(/\/+$/, '');
}

function apisOfDocument(doc: JsonObject, serverUrl: string): ApiKind[] {
  const fromServer = apiOfServerUrl(serverUrl);
  if (fromServer) return [fromServer];
  const kinds = new Set(Object.keys(asObject(doc.paths)).map(apiOfPath));
  const ordered = API_KINDS.filter((k) => kinds.has(k));
  return ordered.length > 0 ? ordered : ['qod'];
}

interface LoadedFile {
  file: SpecFile;
  raw: JsonObject;
  deref: JsonObject;
}

async function loadFile(f: FileToLoad): Promise<LoadedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(f.path);
  } catch (err) {
    throw new SpecLoadError(f.path, messageOf(err));
  }
  let raw: JsonObject;
  let deref: JsonObject;
  try {
    // Parse once keeping $refs (to locate rules in the document), once validated + dereferenced.
    raw = asObject(structuredClone(await new SwaggerParser().parse(f.path)));
    deref = asObject(await (f.validated ? new SwaggerParser().dereference(f.path) : new SwaggerParser().validate(f.path)));
  } catch (err) {
    throw new SpecLoadError(f.path, messageOf(err));
  }
  if (typeof deref.openapi !== 'string' || !deref.openapi.startsWith('3.')) {
    throw new SpecLoadError(f.path, 'not an OpenAPI 3 document');
  }
  const serverUrl = serverUrlOf(deref);
  return {
    raw,
    deref,
    file: {
      path: f.path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      apis: f.apis ?? apisOfDocument(deref, serverUrl),
      version: asString(asObject(deref.info).version) ?? '',
      serverUrl,
    },
  };
}

export async function loadSpec(opts: LoadSpecOptions): Promise<LoadedSpec> {
  const manifest = manifestFor(opts.version);
  const bundled = !opts.files || opts.files.length === 0;
  const toLoad: FileToLoad[] = bundled
    ? // Our own documents are validated against OpenAPI 3 by the project's tests (test/spec/load.test.ts).
      manifest.files.map((m) => ({ path: resolve(specsDir(), m.file), apis: m.apis, validated: true }))
    : (opts.files ?? []).map((p) => ({ path: resolve(p), validated: opts.validated }));

  const loaded = await Promise.all(toLoad.map(loadFile));

  const operations: Record<string, OperationSpec> = {};
  const schemas: Record<string, JsonSchema> = {};
  const documents: Record<string, JsonSchema> = {};
  const fileSchemas: Record<string, Record<string, JsonSchema>> = {};
  const basePaths: Partial<Record<ApiKind, string>> = bundled ? { ...manifest.basePaths } : {};

  for (const { file, raw, deref } of loaded) {
    documents[file.path] = raw;
    // One API per file: tag every operation with it; a combined file (0.10.1) goes by path.
    const api = file.apis.length === 1 ? file.apis[0] : undefined;
    for (const op of operationsOf(deref, { file: file.path, api })) {
      const existing = operations[op.operationId];
      if (existing) {
        throw new SpecLoadError(file.path, `operationId ${op.operationId} is also declared in ${existing.file ?? 'another file'}`);
      }
      operations[op.operationId] = op;
    }
    const own: Record<string, JsonSchema> = {};
    for (const [name, schema] of Object.entries(asObject(asObject(deref.components).schemas))) {
      const s = asSchema(schema);
      if (!s) continue;
      own[name] = s;
      // First file wins: qod and profiles documents repeat shared schemas (Device, ...).
      if (!(name in schemas)) schemas[name] = s;
    }
    fileSchemas[file.path] = own;
    if (!bundled) {
      for (const kind of file.apis) basePaths[kind] ??= basePathOf(file.serverUrl);
    }
  }

  return {
    version: opts.version,
    bundled,
    files: loaded.map((l) => l.file),
    operations,
    schemas,
    basePaths,
    documents,
    fileSchemas,
  };
}

/** True for the error class above, also across module copies (name/code check). */
export function isSpecLoadError(err: unknown): err is SpecLoadError {
  return isObject(err) && err.name === 'SpecLoadError' && err.code === 'QOD_SPEC_INVALID';
}
