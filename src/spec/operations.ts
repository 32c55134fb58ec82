// Turns one dereferenced OpenAPI 3 document into OperationSpec entries.
import { asObject, asSchema, asString, escapeSegment, isObject, type JsonObject } from './json.js';
import type { ApiKind, JsonSchema, OperationSpec, ParameterSpec, ResponseSpec } from './types.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** Which API a path belongs to, from its shape. */
export function apiOfPath(path: string): ApiKind {
  if (/^\/(retrieve-)?qos-profiles(\/|$)/.test(path)) return 'profiles';
  // 0.2.0 (/device-qos, /retrieve-device-qos) and 0.3.0+ (/qos-assignments, /retrieve-qos-assignment).
  if (/^\/((retrieve-)?device-qos|qos-assignments|retrieve-qos-assignment)(\/|$)/.test(path)) return 'provisioning';
  return 'qod';
}

/** Which API a server URL template serves, when it says so. */
export function apiOfServerUrl(url: string): ApiKind | undefined {
  if (/qo[sd]-provisioning/.test(url)) return 'provisioning';
  if (/qos-profiles/.test(url)) return 'profiles';
  if (/quality-on-demand/.test(url)) return 'qod';
  return undefined;
}

function contentMap(content: unknown): Record<string, JsonSchema | undefined> {
  const out: Record<string, JsonSchema | undefined> = {};
  for (const [type, media] of Object.entries(asObject(content))) {
    out[type] = asSchema(asObject(media).schema);
  }
  return out;
}

function parameters(pathItem: JsonObject, op: JsonObject): ParameterSpec[] {
  // Operation-level parameters override path-level ones with the same name and location.
  const byKey = new Map<string, ParameterSpec>();
  for (const list of [pathItem.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (!isObject(p)) continue;
      const name = asString(p.name);
      const where = asString(p.in);
      if (!name || !(where === 'path' || where === 'query' || where === 'header' || where === 'cookie')) {
        continue;
      }
      const spec: ParameterSpec = { name, in: where, required: p.required === true };
      const schema = asSchema(p.schema);
      if (schema) spec.schema = schema;
      byKey.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, spec);
    }
  }
  return [...byKey.values()];
}

function responses(raw: unknown): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  for (const [status, r] of Object.entries(asObject(raw))) {
    const resp = asObject(r);
    const headers: ResponseSpec['headers'] = {};
    for (const [name, h] of Object.entries(asObject(resp.headers))) {
      const header = asObject(h);
      const entry: { required: boolean; schema?: JsonSchema } = { required: header.required === true };
      const schema = asSchema(header.schema);
      if (schema) entry.schema = schema;
      headers[name.toLowerCase()] = entry;
    }
    out[status] = { content: contentMap(resp.content), headers };
  }
  return out;
}

function scopes(security: unknown): string[] {
  const out = new Set<string>();
  if (!Array.isArray(security)) return [];
  for (const req of security) {
    for (const list of Object.values(asObject(req))) {
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') out.add(s);
    }
  }
  return [...out];
}

/** The first request body found under the operation's callbacks (the notification). */
function callbackBody(callbacks: unknown): OperationSpec['callbackBody'] {
  for (const cb of Object.values(asObject(callbacks))) {
    for (const item of Object.values(asObject(cb))) {
      for (const m of METHODS) {
        const content = asObject(asObject(asObject(asObject(item)[m]).requestBody).content);
        for (const [contentType, media] of Object.entries(content)) {
          const schema = asSchema(asObject(media).schema);
          if (schema) return { contentType, schema };
        }
      }
    }
  }
  return undefined;
}

export interface DocumentContext {
  file: string;
  /** API kind of the whole document, when known (manifest or server URL). */
  api?: ApiKind;
}

/** All operations of one dereferenced document. */
export function operationsOf(doc: JsonObject, ctx: DocumentContext): OperationSpec[] {
  const out: OperationSpec[] = [];
  for (const [path, rawItem] of Object.entries(asObject(doc.paths))) {
    const item = asObject(rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = asString(op.operationId) ?? `${method} ${path}`;
      const spec: OperationSpec = {
        operationId,
        api: ctx.api ?? apiOfPath(path),
        method: method satisfies Method,
        path,
        parameters: parameters(item, op),
        responses: responses(op.responses),
        scopes: scopes(op.security ?? doc.security),
        file: ctx.file,
        pointer: `#/paths/${escapeSegment(path)}/${method}`,
      };
      if (isObject(op.requestBody)) {
        spec.requestBody = {
          required: op.requestBody.required === true,
          content: contentMap(op.requestBody.content),
        };
      }
      const cb = callbackBody(op.callbacks);
      if (cb) spec.callbackBody = cb;
      out.push(spec);
    }
  }
  return out;
}
