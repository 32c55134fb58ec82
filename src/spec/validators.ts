// Validators compiled from a LoadedSpec: request bodies, parameters, responses (status, content
// type, body, headers, x-correlator echo), named schemas and notification bodies.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LOC_KEY, toAjvSchema, type Direction } from './convert.js';
import { addQodFormats } from './formats.js';
import { asObject, escapeSegment, isObject, pointerSegments } from './json.js';
import { startAt, step, stepKey, type Tracker } from './locate.js';
import { schemasFor } from './schemas.js';
import type { JsonSchema, LoadedSpec, OperationSpec, ResponseSpec, ResponseToCheck, SpecValidators, Violation } from './types.js';

interface Compiled {
  validate: ValidateFunction;
  /** The converted schema, to map an error's schemaPath back to the document. */
  root: JsonSchema;
}

/** One readable line, e.g. `createSession 201 /duration: must be >= 1 (minimum) [#/...]`. */
export function describeViolation(v: Violation): string {
  const pointer = v.pointer === '' ? '/' : v.pointer;
  return `${v.operationId} ${v.where} ${pointer}: ${v.message} (${v.rule}) [${v.specLocation}]`;
}

/** "application/json; charset=utf-8" -> "application/json" */
function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function mediaMatches(documented: string, actual: string): boolean {
  const [dt, ds] = mediaType(documented).split('/');
  const [at, as] = actual.split('/');
  return (dt === '*' || dt === at) && (ds === '*' || ds === as);
}

function isJsonMedia(m: string): boolean {
  return m === 'application/json' || m.endsWith('+json');
}

/** Documented response for a status: exact, then "4XX" style range, then default. */
function responseFor(op: OperationSpec, status: number): { key: string; spec: ResponseSpec } | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    const spec = op.responses[key];
    if (spec) return { key, spec };
  }
  return undefined;
}

/** Error text with the detail Ajv keeps in params (allowed values, extra property, ...). */
function errorMessage(e: ErrorObject): string {
  const base = e.message ?? e.keyword;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${base}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${base}: ${params.additionalProperty}`;
  }
  if (e.keyword === 'const' && 'allowedValue' in params) {
    return `${base}: ${JSON.stringify(params.allowedValue)}`;
  }
  return base;
}

/** Deepest stamped location along an Ajv schemaPath, plus the segments below it. */
function locationOf(root: JsonSchema, schemaPath: string, fallback: string): string {
  let node: unknown = root;
  let loc = typeof root[LOC_KEY] === 'string' ? (root[LOC_KEY] as string) : fallback;
  let rest: string[] = [];
  for (const seg of pointerSegments(schemaPath)) {
    const next: unknown = Array.isArray(node) ? node[Number(seg)] : isObject(node) ? node[seg] : undefined;
    node = next;
    if (isObject(next) && typeof next[LOC_KEY] === 'string') {
      loc = next[LOC_KEY];
      rest = [];
    } else {
      rest.push(seg);
    }
  }
  return loc + rest.map((s) => '/' + escapeSegment(s)).join('');
}

export function createValidators(spec: LoadedSpec): SpecValidators {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addQodFormats(ajv);
  const cache = new Map<string, Compiled>();

  const operation = (operationId: string): OperationSpec => {
    const op = spec.operations[operationId];
    if (!op) throw new Error(`unknown operationId ${operationId} in spec ${spec.version}`);
    return op;
  };

  // Trackers are immutable and every request asks for them again (the provider validates each one).
  const opTrackers = new Map<OperationSpec, Tracker>();
  const paramTrackers = new Map<string, Tracker>();

  /** Tracker at the operation in its document (pointer arithmetic only without documents). */
  const opTracker = (op: OperationSpec): Tracker => {
    let at = opTrackers.get(op);
    if (!at) {
      const doc = op.file ? spec.documents?.[op.file] : undefined;
      at = startAt(doc, op.pointer ?? `#/paths/${escapeSegment(op.path)}/${op.method}`);
      opTrackers.set(op, at);
    }
    return at;
  };

  const schemaTracker = (name: string): Tracker => {
    for (const doc of Object.values(spec.documents ?? {})) {
      if (isObject(asObject(asObject(doc.components).schemas)[name])) {
        return startAt(doc, `#/components/schemas/${escapeSegment(name)}`);
      }
    }
    return startAt(undefined, `#/components/schemas/${escapeSegment(name)}`);
  };

  /** `file`: the document the schema comes from, whose own names a discriminator mapping means. */
  const compile = (key: string, schema: JsonSchema, at: Tracker, direction: Direction, file?: string): Compiled => {
    const hit = cache.get(key);
    if (hit) return hit;
    // Conversion builds a fresh tree: dereferenced schemas share objects, Ajv must not see that.
    const root = toAjvSchema(schema, at, {
      direction,
      schemas: schemasFor(spec, file),
      locateSchema: (name) => schemaTracker(name),
    });
    const compiled = { validate: ajv.compile(root), root };
    cache.set(key, compiled);
    return compiled;
  };

  const run = (compiled: Compiled, value: unknown, base: { operationId: string; where: string; pointerPrefix?: string }): Violation[] => {
    if (compiled.validate(value)) return [];
    const seen = new Set<string>();
    const out: Violation[] = [];
    for (const e of compiled.validate.errors ?? []) {
      // if/then (discriminator) reports the failing `then` errors and one summary: drop it.
      if (e.keyword === 'if') continue;
      const v: Violation = {
        operationId: base.operationId,
        where: base.where,
        pointer: base.pointerPrefix ?? e.instancePath,
        rule: e.keyword,
        message: errorMessage(e),
        specLocation: locationOf(compiled.root, e.schemaPath, String(compiled.root[LOC_KEY] ?? '#')),
        ...(e.keyword === 'required' && typeof e.params.missingProperty === 'string' ? { missingProperty: e.params.missingProperty } : {}),
      };
      const id = `${v.pointer}|${v.rule}|${v.message}|${v.specLocation}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push(v);
      }
    }
    return out;
  };

  const jsonContent = (content: Record<string, JsonSchema | undefined>): { type: string; schema: JsonSchema | undefined } | undefined => {
    const types = Object.keys(content);
    const type = types.find((t) => isJsonMedia(mediaType(t))) ?? types[0];
    return type === undefined ? undefined : { type, schema: content[type] };
  };

  const validateRequestBody = (operationId: string, body: unknown): Violation[] => {
    const op = operation(operationId);
    const at = step(opTracker(op), 'requestBody');
    const base = { operationId, where: 'request' };
    if (!op.requestBody) {
      return body === undefined ? [] : [{ ...base, pointer: '', rule: 'unexpected-body', message: 'operation takes no request body', specLocation: op.pointer ?? at.loc }];
    }
    if (body === undefined) {
      return op.requestBody.required ? [{ ...base, pointer: '', rule: 'required', message: 'request body is required', specLocation: at.loc }] : [];
    }
    const content = jsonContent(op.requestBody.content);
    if (!content?.schema) return [];
    const schemaAt = step(step(step(at, 'content'), content.type), 'schema');
    const compiled = compile(`req:${operationId}:${content.type}`, content.schema, schemaAt, 'request', op.file);
    return run(compiled, body, base);
  };

  const validateParameter = (operationId: string, name: string, value: unknown): Violation[] => {
    const op = operation(operationId);
    const index = op.parameters.findIndex((p) => p.name === name || (p.in === 'header' && p.name.toLowerCase() === name.toLowerCase()));
    const param = op.parameters[index];
    const where = 'request';
    const pointer = `parameter:${name}`;
    // Not documented: the spec puts no rule on it (e.g. x-correlator before 0.11.1).
    if (!param) return [];
    const at = parameterTracker(op, param.name);
    if (value === undefined) {
      return param.required ? [{ operationId, where, pointer, rule: 'required', message: `parameter ${name} is required`, specLocation: at.loc }] : [];
    }
    if (!param.schema) return [];
    const compiled = compile(`param:${operationId}:${param.in}:${param.name}`, param.schema, step(at, 'schema'), 'request', op.file);
    return run(compiled, value, { operationId, where, pointerPrefix: pointer });
  };

  /** The parameter as written: in the operation's list, else in the path item's list. */
  const parameterTracker = (op: OperationSpec, name: string): Tracker => {
    const key = `${op.method} ${op.path} ${name}`;
    let at = paramTrackers.get(key);
    if (!at) paramTrackers.set(key, (at = findParameter(op, name)));
    return at;
  };

  const findParameter = (op: OperationSpec, name: string): Tracker => {
    const opAt = opTracker(op);
    const pathAt = startAt(opAt.doc, `#/paths/${escapeSegment(op.path)}`);
    for (const owner of [opAt, pathAt]) {
      const listAt = step(owner, 'parameters');
      if (!Array.isArray(listAt.node)) continue;
      for (let i = 0; i < listAt.node.length; i++) {
        const p = step(listAt, String(i));
        if (isObject(p.node) && p.node.name === name) return p;
      }
    }
    return step(step(opAt, 'parameters'), name);
  };

  const validateResponse = (operationId: string, r: ResponseToCheck): Violation[] => {
    const op = operation(operationId);
    const where = String(r.status);
    const responsesAt = step(opTracker(op), 'responses');
    const found = responseFor(op, r.status);
    const v = (pointer: string, rule: string, message: string, specLocation: string): Violation => ({
      operationId,
      where,
      pointer,
      rule,
      message,
      specLocation,
    });
    if (!found) {
      return [v('status', 'undocumented-status', `status ${where} is not documented for ${operationId}`, responsesAt.loc)];
    }
    const out: Violation[] = [];
    const respAt = step(responsesAt, found.key);
    const hasBody = r.body !== undefined || (r.bodyText !== undefined && r.bodyText.trim() !== '');
    const documented = Object.keys(found.spec.content);

    if (documented.length === 0 || r.status === 204) {
      if (hasBody) out.push(v('', 'unexpected-body', `status ${where} must have no body`, respAt.loc));
    } else if (!hasBody) {
      out.push(v('', 'missing-body', `status ${where} must have a body (${documented.join(', ')})`, step(respAt, 'content').loc));
    } else {
      out.push(...checkBody(operationId, where, r, found, respAt));
    }
    out.push(...checkHeaders(operationId, where, r, found.spec, respAt));
    return out;
  };

  const checkBody = (operationId: string, where: string, r: ResponseToCheck, found: { key: string; spec: ResponseSpec }, respAt: Tracker): Violation[] => {
    const contentAt = step(respAt, 'content');
    const documented = Object.keys(found.spec.content);
    const base = { operationId, where };
    if (!r.contentType) {
      return [{ ...base, pointer: 'content-type', rule: 'content-type', message: `Content-Type missing; expected ${documented.join(' or ')}`, specLocation: contentAt.loc }];
    }
    const actual = mediaType(r.contentType);
    const type = documented.find((d) => mediaMatches(d, actual));
    if (type === undefined) {
      return [{ ...base, pointer: 'content-type', rule: 'content-type', message: `Content-Type ${actual} is not documented; expected ${documented.join(' or ')}`, specLocation: contentAt.loc }];
    }
    const schema = found.spec.content[type];
    if (!schema) return [];
    if (r.body === undefined) {
      return isJsonMedia(actual) ? [{ ...base, pointer: '', rule: 'invalid-json', message: 'body is not valid JSON', specLocation: contentAt.loc }] : [];
    }
    const schemaAt = step(step(contentAt, type), 'schema');
    const compiled = compile(`res:${operationId}:${found.key}:${type}`, schema, schemaAt, 'response', operation(operationId).file);
    return run(compiled, r.body, base);
  };

  const checkHeaders = (operationId: string, where: string, r: ResponseToCheck, spec: ResponseSpec, respAt: Tracker): Violation[] => {
    const out: Violation[] = [];
    const headersAt = step(respAt, 'headers');
    for (const [name, h] of Object.entries(spec.headers)) {
      const at = stepKey(headersAt, name);
      const pointer = `header:${name}`;
      const value = r.headers[name];
      if (value === undefined) {
        if (h.required) out.push({ operationId, where, pointer, rule: 'required-header', message: `header ${name} is required`, specLocation: at.loc });
        continue;
      }
      if (h.schema) {
        const compiled = compile(`hdr:${operationId}:${where}:${name}`, h.schema, step(at, 'schema'), 'response', operation(operationId).file);
        out.push(...run(compiled, value, { operationId, where, pointerPrefix: pointer }));
      }
    }
    // The echo applies when the operation documents x-correlator on this response.
    const echo = spec.headers['x-correlator'];
    if (echo && r.requestCorrelator !== undefined && r.headers['x-correlator'] !== r.requestCorrelator) {
      const got = r.headers['x-correlator'];
      out.push({
        operationId,
        where,
        pointer: 'header:x-correlator',
        rule: 'x-correlator-echo',
        message:
          got === undefined
            ? `x-correlator ${JSON.stringify(r.requestCorrelator)} was sent but not echoed`
            : `x-correlator ${JSON.stringify(got)} differs from the one sent (${JSON.stringify(r.requestCorrelator)})`,
        specLocation: stepKey(headersAt, 'x-correlator').loc,
      });
    }
    return out;
  };

  const validateSchema = (schemaName: string, value: unknown): Violation[] => {
    const schema = spec.schemas[schemaName];
    if (!schema) throw new Error(`unknown schema ${schemaName} in spec ${spec.version}`);
    const compiled = compile(`schema:${schemaName}`, schema, schemaTracker(schemaName), 'response');
    return run(compiled, value, { operationId: schemaName, where: 'schema' });
  };

  const validateCallbackBody = (operationId: string, body: unknown): Violation[] => {
    const op = operation(operationId);
    if (!op.callbackBody) throw new Error(`${operationId} declares no callback in spec ${spec.version}`);
    const { contentType, schema } = op.callbackBody;
    const compiled = compile(`cb:${operationId}`, schema, callbackTracker(op, contentType), 'request', op.file);
    return run(compiled, body, { operationId, where: 'callback' });
  };

  /** Mirrors operations.ts: first callback, first expression, first method with a body. */
  const callbackTracker = (op: OperationSpec, contentType: string): Tracker => {
    const cbsAt = step(opTracker(op), 'callbacks');
    for (const name of Object.keys(asObject(cbsAt.node))) {
      const cbAt = step(cbsAt, name);
      for (const expr of Object.keys(asObject(cbAt.node))) {
        const itemAt = step(cbAt, expr);
        for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
          const contentAt = step(step(step(itemAt, method), 'requestBody'), 'content');
          if (isObject(contentAt.node) && contentType in contentAt.node) {
            return step(step(contentAt, contentType), 'schema');
          }
        }
      }
    }
    return step(cbsAt, 'schema');
  };

  return { spec, validateRequestBody, validateParameter, validateResponse, validateSchema, validateCallbackBody };
}
