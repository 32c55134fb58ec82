// Semantic view of a dereferenced OpenAPI 3 document: only what changes behaviour (paths,
// operations, status codes, parameters, schema constraints, headers, security) with texts,
// examples and $ref layout left out. Two documents that normalise equal accept and produce the
// same traffic. Used by the drift test against the official CAMARA files.
import { asObject, asString, isObject, type JsonObject } from './json.js';

export type Normalized = null | boolean | number | string | Normalized[] | { [key: string]: Normalized };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Schema keywords that constrain values; every other keyword is annotation. */
const CONSTRAINTS = [
  'type',
  'enum',
  'const',
  'default',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'minItems',
  'maxItems',
  'uniqueItems',
  'nullable',
  'readOnly',
  'writeOnly',
];

function plain(v: unknown): Normalized {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(plain);
  if (isObject(v)) {
    const out: { [key: string]: Normalized } = {};
    for (const k of Object.keys(v).sort()) out[k] = plain(v[k]);
    return out;
  }
  return null;
}

/** Normalised form of one (dereferenced) schema. */
export function normalizeSchema(schema: unknown, stack: Set<object> = new Set()): Normalized {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema)) return null;
  if (stack.has(schema)) return '[circular]';
  const inner = new Set(stack).add(schema);
  const out: { [key: string]: Normalized } = {};
  for (const key of CONSTRAINTS) {
    if (key in schema) out[key] = plain(schema[key]);
  }
  if (Array.isArray(schema.required)) out.required = [...schema.required].map(String).sort();
  if (isObject(schema.properties)) {
    const props: { [key: string]: Normalized } = {};
    for (const name of Object.keys(schema.properties).sort()) {
      props[name] = normalizeSchema(schema.properties[name], inner);
    }
    out.properties = props;
  }
  for (const key of ['items', 'not', 'additionalProperties']) {
    if (key in schema) out[key] = normalizeSchema(schema[key], inner);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const members = list.map((m) => normalizeSchema(m, inner));
    // An allOf member with no constraint (e.g. only an example) changes nothing.
    out[key] = key === 'allOf' ? members.filter((m) => !isEmpty(m)) : members;
    if (key === 'allOf' && Array.isArray(out.allOf) && out.allOf.length === 0) delete out.allOf;
  }
  if (isObject(schema.discriminator)) {
    const d = schema.discriminator;
    const mapping: { [key: string]: Normalized } = {};
    for (const [value, ref] of Object.entries(asObject(d.mapping))) {
      // Targets compared by schema name: "#/components/schemas/X" and "common.yaml#/.../X" agree.
      mapping[value] = typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : null;
    }
    out.discriminator = { propertyName: asString(d.propertyName) ?? null, mapping };
  }
  // A lone allOf member is the schema itself.
  const keys = Object.keys(out);
  if (keys.length === 1 && Array.isArray(out.allOf) && out.allOf.length === 1) return out.allOf[0];
  return out;
}

function isEmpty(n: Normalized): boolean {
  return isObject(n) && Object.keys(n).length === 0;
}

function content(raw: unknown): Normalized {
  const out: { [key: string]: Normalized } = {};
  for (const type of Object.keys(asObject(raw)).sort()) {
    out[type] = normalizeSchema(asObject(asObject(raw)[type]).schema);
  }
  return out;
}

function parameters(list: unknown): Normalized {
  const out: { [key: string]: Normalized } = {};
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    const param = asObject(p);
    const where = asString(param.in) ?? '?';
    const name = asString(param.name) ?? '?';
    out[`${where}:${where === 'header' ? name.toLowerCase() : name}`] = {
      required: param.required === true,
      schema: normalizeSchema(param.schema),
    };
  }
  return out;
}

function responses(raw: unknown): Normalized {
  const out: { [key: string]: Normalized } = {};
  for (const status of Object.keys(asObject(raw)).sort()) {
    const r = asObject(asObject(raw)[status]);
    const headers: { [key: string]: Normalized } = {};
    for (const [name, h] of Object.entries(asObject(r.headers))) {
      headers[name.toLowerCase()] = {
        required: asObject(h).required === true,
        schema: normalizeSchema(asObject(h).schema),
      };
    }
    out[status] = { content: content(r.content), headers };
  }
  return out;
}

function security(raw: unknown): Normalized {
  if (!Array.isArray(raw)) return null;
  return raw
    .map((req) => {
      const entries = Object.entries(asObject(req)).sort(([a], [b]) => a.localeCompare(b));
      return entries.map(([scheme, scopes]) => `${scheme}:${(Array.isArray(scopes) ? scopes.map(String).sort() : []).join(',')}`).join('+');
    })
    .sort();
}

function operation(pathItem: JsonObject, op: JsonObject): Normalized {
  const merged = [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])];
  const out: { [key: string]: Normalized } = {
    operationId: asString(op.operationId) ?? null,
    parameters: parameters(merged),
    responses: responses(op.responses),
    security: security(op.security),
  };
  if (isObject(op.requestBody)) {
    out.requestBody = { required: op.requestBody.required === true, content: content(op.requestBody.content) };
  }
  if (isObject(op.callbacks)) {
    const cbs: { [key: string]: Normalized } = {};
    for (const [name, cb] of Object.entries(op.callbacks)) {
      const exprs: { [key: string]: Normalized } = {};
      for (const [expr, item] of Object.entries(asObject(cb))) exprs[expr] = pathItemOf(asObject(item));
      cbs[name] = exprs;
    }
    out.callbacks = cbs;
  }
  return out;
}

function pathItemOf(item: JsonObject): Normalized {
  const out: { [key: string]: Normalized } = {};
  for (const m of METHODS) if (isObject(item[m])) out[m] = operation(item, item[m]);
  return out;
}

function securitySchemes(raw: unknown): Normalized {
  const out: { [key: string]: Normalized } = {};
  for (const name of Object.keys(asObject(raw)).sort()) {
    const s = asObject(asObject(raw)[name]);
    const flows: { [key: string]: Normalized } = {};
    for (const [flow, f] of Object.entries(asObject(s.flows))) {
      flows[flow] = Object.keys(asObject(asObject(f).scopes)).sort();
    }
    out[name] = {
      type: asString(s.type) ?? null,
      scheme: asString(s.scheme) ?? null,
      in: asString(s.in) ?? null,
      name: asString(s.name) ?? null,
      flows,
    };
  }
  return out;
}

/** Normalised form of a whole dereferenced document. */
export function normalizeDocument(doc: JsonObject): { [key: string]: Normalized } {
  const paths: { [key: string]: Normalized } = {};
  for (const p of Object.keys(asObject(doc.paths)).sort()) paths[p] = pathItemOf(asObject(asObject(doc.paths)[p]));
  const schemas: { [key: string]: Normalized } = {};
  const comps = asObject(asObject(doc.components).schemas);
  for (const name of Object.keys(comps).sort()) schemas[name] = normalizeSchema(comps[name]);
  const server = asObject(Array.isArray(doc.servers) ? doc.servers[0] : undefined);
  return {
    openapi: asString(doc.openapi) ?? null,
    version: asString(asObject(doc.info).version) ?? null,
    serverUrl: asString(server.url) ?? null,
    security: security(doc.security),
    securitySchemes: securitySchemes(asObject(doc.components).securitySchemes),
    paths,
    schemas,
  };
}

export interface Difference {
  /** JSON-pointer-like path in the normalised document. */
  path: string;
  ours: Normalized | undefined;
  official: Normalized | undefined;
}

/** Every place where two normalised values differ (missing keys show as undefined). */
export function diffNormalized(ours: Normalized | undefined, official: Normalized | undefined, path = ''): Difference[] {
  if (Array.isArray(ours) && Array.isArray(official)) {
    if (ours.length !== official.length) return [{ path, ours, official }];
    return ours.flatMap((o, i) => diffNormalized(o, official[i], `${path}/${i}`));
  }
  if (isObject(ours) && isObject(official)) {
    const a = ours as { [key: string]: Normalized };
    const b = official as { [key: string]: Normalized };
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffNormalized(a[k], b[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return JSON.stringify(ours) === JSON.stringify(official) ? [] : [{ path, ours, official }];
}

/** One line per difference, values shortened. */
export function formatDifferences(diffs: Difference[], limit = 50): string {
  const show = (v: Normalized | undefined): string => {
    const s = v === undefined ? '(absent)' : JSON.stringify(v);
    return s.length > 160 ? s.slice(0, 157) + '...' : s;
  };
  const lines = diffs.slice(0, limit).map((d) => `${d.path || '/'}: ours ${show(d.ours)} vs official ${show(d.official)}`);
  if (diffs.length > limit) lines.push(`... and ${diffs.length - limit} more`);
  return lines.join('\n');
}
