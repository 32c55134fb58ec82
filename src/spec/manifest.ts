// Reads specs/manifest.json: which bundled OpenAPI files describe which API version.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_VERSIONS, type ApiVersion } from '../config/types.js';
import { API_KINDS, type ApiKind } from './types.js';

export interface ManifestFile {
  /** Path relative to the specs/ folder. */
  file: string;
  apis: ApiKind[];
}

export interface ManifestVersion {
  files: ManifestFile[];
  /** Base path of each API below {apiRoot}, e.g. "/quality-on-demand/v1". */
  basePaths: Partial<Record<ApiKind, string>>;
  /** Version of the QoS Provisioning document in the bundle (the one released with this QoD version). */
  provisioningVersion?: string;
}

export type Manifest = Record<ApiVersion, ManifestVersion>;

let specsDirCache: string | undefined;
let manifestCache: Manifest | undefined;

/**
 * Absolute path of the bundled specs/ folder. The code runs from src/spec (vitest) and from
 * dist/src/spec (compiled), so walk up until a folder holding specs/manifest.json appears.
 */
export function specsDir(): string {
  if (specsDirCache) return specsDirCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'specs');
    if (existsSync(join(candidate, 'manifest.json'))) {
      specsDirCache = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('specs/manifest.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function isApiKind(v: unknown): v is ApiKind {
  return API_KINDS.some((k) => k === v);
}

function parseVersion(version: string, raw: unknown): ManifestVersion {
  const bad = (why: string): never => {
    throw new Error(`specs/manifest.json: version ${version}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) return bad('not an object');
  const { files, basePaths, provisioningVersion } = raw as { files?: unknown; basePaths?: unknown; provisioningVersion?: unknown };
  if (!Array.isArray(files) || files.length === 0) return bad('files missing');
  const out: ManifestVersion = { files: [], basePaths: {} };
  for (const f of files as unknown[]) {
    const { file, apis } = (f ?? {}) as { file?: unknown; apis?: unknown };
    if (typeof file !== 'string' || !Array.isArray(apis) || !apis.every(isApiKind)) {
      return bad('bad file entry');
    }
    out.files.push({ file, apis: [...apis] });
  }
  if (typeof basePaths !== 'object' || basePaths === null) return bad('basePaths missing');
  for (const [k, v] of Object.entries(basePaths)) {
    if (!isApiKind(k) || typeof v !== 'string') return bad(`bad basePath ${k}`);
    out.basePaths[k] = v;
  }
  const provisioningFile = out.files.some((f) => f.apis.includes('provisioning'));
  if (provisioningVersion !== undefined && typeof provisioningVersion !== 'string') return bad('provisioningVersion not a string');
  // The version names the document: both or neither, so a bundle never claims what it lacks.
  if (provisioningFile !== (provisioningVersion !== undefined)) return bad('provisioning file and provisioningVersion go together');
  if (provisioningFile && !out.basePaths.provisioning) return bad('basePaths.provisioning missing');
  if (typeof provisioningVersion === 'string') out.provisioningVersion = provisioningVersion;
  return out;
}

export function readManifest(): Manifest {
  if (manifestCache) return manifestCache;
  const raw = JSON.parse(readFileSync(join(specsDir(), 'manifest.json'), 'utf8')) as {
    versions?: Record<string, unknown>;
  };
  const versions = raw.versions ?? {};
  const out = {} as Manifest;
  for (const v of API_VERSIONS) {
    if (!(v in versions)) throw new Error(`specs/manifest.json: version ${v} missing`);
    out[v] = parseVersion(v, versions[v]);
  }
  manifestCache = out;
  return out;
}

export function manifestFor(version: ApiVersion): ManifestVersion {
  return readManifest()[version];
}

/** Absolute paths of the bundled files of a version. */
export function bundledFiles(version: ApiVersion): string[] {
  return manifestFor(version).files.map((f) => resolve(specsDir(), f.file));
}
