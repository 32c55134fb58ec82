// The schema part of the inventory, derived from our own spec files: one rule per constraint
// (type, format, pattern, lengths, bounds, enum, const, required, additionalProperties,
// min/maxProperties, min/maxItems, uniqueItems, oneOf/anyOf) of every request body, parameter,
// response body and header, and callback body of every operation, at the JSON pointer it governs.
import { relative } from 'node:path';
import { apisUnderTest, operationsOfApis } from '../spec/apis.js';
import { loadSpec } from '../spec/load.js';
import { specsDir } from '../spec/manifest.js';
import { escapeSegment, isObject } from '../spec/json.js';
import { schemasFor } from '../spec/schemas.js';
import type { JsonSchema, OperationSpec } from '../spec/types.js';
import { ITEM, schemaRuleId } from './rule-ids.js';
import { bundleOf, type InventoryTarget, type Rule, type SchemaInventoryFile } from './types.js';

/** Array items are written `*`, values of a free-form map `{key}`, the body root `/`. */
export const MAP_VALUE = '{key}';

const SIMPLE = ['format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

interface Sink {
  add(pointer: string, keyword: string, statement: string): void;
  /** Named component schemas: targets of a discriminator mapping are walked like alternatives. */
  schemas: Record<string, JsonSchema>;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `when`: the alternative the constraint belongs to ("" outside any), appended to its statement. */
function walk(schema: JsonSchema, pointer: string, base: Sink, stack: Set<object>, when = ''): void {
  if (stack.has(schema)) return;
  stack.add(schema);
  const sink: Sink = when ? { schemas: base.schemas, add: (p, k, statement) => base.add(p, k, `${statement} (${when})`) } : base;
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) if (isObject(part)) walk(part, pointer, base, stack, when);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    sink.add(pointer, keyword, keyword === 'oneOf' ? `exactly one of ${list.length} alternatives` : `at least one of ${list.length} alternatives`);
    list.forEach((alt, i) => {
      if (isObject(alt)) walk(alt, pointer, base, stack, joinWhen(when, `${keyword} alternative ${i + 1}`));
    });
  }
  const mapping = isObject(schema.discriminator) && isObject(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
  const property = isObject(schema.discriminator) ? String(schema.discriminator.propertyName) : '';
  for (const [value, target] of Object.entries(mapping)) {
    const named = typeof target === 'string' ? sink.schemas[target.replace(/^.*\//, '')] : undefined;
    if (named) walk(named, pointer, base, stack, joinWhen(when, `when ${property} is ${value}`));
  }
  if (schema.type !== undefined) sink.add(pointer, 'type', `${show(schema.type)}${schema.nullable === true ? ' or null' : ''}`);
  for (const keyword of SIMPLE) if (schema[keyword] !== undefined) sink.add(pointer, keyword, `${keyword} ${show(schema[keyword])}`);
  // OpenAPI 3.0: a boolean exclusive bound turns its minimum/maximum exclusive; 3.1: a number.
  for (const keyword of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    const value = schema[keyword];
    if (value === true || typeof value === 'number') sink.add(pointer, keyword, `${keyword} ${show(value === true ? schema[keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum'] : value)}`);
  }
  if (schema.uniqueItems === true) sink.add(pointer, 'uniqueItems', 'items are unique');
  if (Array.isArray(schema.enum)) sink.add(pointer, 'enum', `one of ${schema.enum.map(show).join(', ')}`);
  if (schema.const !== undefined) sink.add(pointer, 'const', `exactly ${show(schema.const)}`);
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof name === 'string') sink.add(`${pointer}/${escapeSegment(name)}`, 'required', 'present');
  }
  if (schema.additionalProperties === false) sink.add(pointer, 'additionalProperties', 'no undeclared properties');
  if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, `${pointer}/${MAP_VALUE}`, base, stack, when);
  if (isObject(schema.items)) walk(schema.items, `${pointer}/${ITEM}`, base, stack, when);
  if (isObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) if (isObject(sub)) walk(sub, `${pointer}/${escapeSegment(name)}`, base, stack, when);
  }
  stack.delete(schema);
}

const joinWhen = (outer: string, inner: string) => (outer ? `${outer}, ${inner}` : inner);

/** JSON content first (the body the suite reads), else the first documented content. */
function jsonContent(content: Record<string, JsonSchema | undefined>): [string, JsonSchema] | undefined {
  const entries = Object.entries(content).filter((e): e is [string, JsonSchema] => e[1] !== undefined);
  return entries.find(([type]) => /json/i.test(type)) ?? entries[0];
}

const esc = (segment: string) => escapeSegment(segment);

/** Rules of one operation, in walk order (deduplicated by ID: alternatives may repeat a constraint). */
export function operationRules(op: OperationSpec, file: string, schemas: Record<string, JsonSchema>): Rule[] {
  const found = new Map<string, Rule>();
  const sinkFor = (part: string, source: string): Sink => ({
    schemas,
    add(pointer, keyword, statement) {
      const id = schemaRuleId(op.operationId, part, pointer, keyword);
      const existing = found.get(id);
      if (!existing) found.set(id, { id, source: `${source} → ${pointer === '' ? '/' : pointer}`, kind: 'failure', statement });
      else if (!existing.statement.split(' | ').includes(statement)) existing.statement += ` | ${statement}`;
    },
  });
  const at = `${file}${op.pointer ?? ''}`;
  for (const p of op.parameters) {
    if (!p.schema) continue;
    const sink = sinkFor('request', `${at}/parameters[${p.in} ${p.name}]/schema`);
    if (p.required) sink.add(`param/${esc(p.name)}`, 'required', `${p.in} parameter present`);
    walk(p.schema, `param/${esc(p.name)}`, sink, new Set());
  }
  const body = op.requestBody && jsonContent(op.requestBody.content);
  if (body) {
    const sink = sinkFor('request', `${at}/requestBody/content/${esc(body[0])}/schema`);
    if (op.requestBody?.required) sink.add('', 'required', 'a request body is present');
    walk(body[1], '', sink, new Set());
  }
  for (const [status, response] of Object.entries(op.responses)) {
    const part = `response.${status}`;
    for (const [name, header] of Object.entries(response.headers)) {
      const sink = sinkFor(part, `${at}/responses/${status}/headers/${name}`);
      if (header.required) sink.add(`header/${esc(name)}`, 'required', 'header present');
      if (header.schema) walk(header.schema, `header/${esc(name)}`, sink, new Set());
    }
    const content = jsonContent(response.content);
    if (content) walk(content[1], '', sinkFor(part, `${at}/responses/${status}/content/${esc(content[0])}/schema`), new Set());
  }
  if (op.callbackBody) walk(op.callbackBody.schema, '', sinkFor('callback', `${at}/callbacks (request body ${op.callbackBody.contentType})`), new Set());
  return [...found.values()];
}

/** The generated schema inventory of one version, as committed in specs/rules/<version>.schema.json
 *  (QoD and QoS Profiles operations) or specs/rules/provisioning-<version>.schema.json (QoS
 *  Provisioning operations of the bundle that holds that provisioning version). */
export async function schemaInventory(target: InventoryTarget): Promise<SchemaInventoryFile> {
  const bundle = bundleOf(target);
  const spec = await loadSpec({ version: bundle });
  const apis = apisUnderTest(target.api);
  const root = specsDir();
  const rel = (file: string | undefined) => (file ? relative(root, file).split('\\').join('/') : '?');
  const rules = Object.values(operationsOfApis(spec, apis)).flatMap((op) => operationRules(op, rel(op.file), schemasFor(spec, op.file)));
  return {
    $comment: 'Generated by `npm run rules` from our spec files (src/rules/schema-rules.ts); do not edit. test/rules/inventory.test.ts checks it is current.',
    ...(target.api === 'qos-provisioning' ? { api: target.api } : {}),
    version: target.version,
    from: spec.files.filter((f) => f.apis.some((a) => apis.includes(a))).map((f) => rel(f.path)),
    rules: rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** The file's exact text (the project test compares the committed file with it). */
export async function schemaInventoryText(target: InventoryTarget): Promise<string> {
  return `${JSON.stringify(await schemaInventory(target), null, 2)}\n`;
}
