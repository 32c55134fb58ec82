// What a check's spec validation really exercised: for each answer (operation, status) and each
// callback, the body nodes that were present (a constraint on a node is only checked when the node
// is there) and the headers. The harness records these keys; coverage.ts maps them to schema rules.
import { escapeSegment, isObject } from '../spec/json.js';
import { ITEM } from './rule-ids.js';

const MAX_DEPTH = 24;

/** Every node of a JSON value as an inventory pointer ('' = the root, array items as `*`). */
export function presentPointers(value: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, pointer: string, depth: number) => {
    out.add(pointer);
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(v)) for (const item of v) visit(item, `${pointer}/${ITEM}`, depth + 1);
    else if (isObject(v)) for (const [k, child] of Object.entries(v)) visit(child, `${pointer}/${escapeSegment(k)}`, depth + 1);
  };
  if (value !== undefined) visit(value, '', 0);
  return [...out];
}

/** Keys of one validated answer; `body` undefined when the body was not judged against the schema. */
export function responseKeys(operationId: string, status: number, body: unknown, headerNames: readonly string[]): string[] {
  const at = `${operationId} response ${status}`;
  return [at, ...headerNames.map((h) => `${at} header/${escapeSegment(h.toLowerCase())}`), ...presentPointers(body).map((p) => `${at} body ${p}`)];
}

/** Keys of one callback body validated against the operation's callback schema. */
export function callbackKeys(operationId: string, body: unknown): string[] {
  return presentPointers(body).map((p) => `${operationId} callback body ${p}`);
}

const SCHEMA_ID = /^schema\.([^.]+)\.(request|callback|response\.[^.]+)\.(.*)\.([^.]+)$/;

export interface SchemaRuleParts {
  operationId: string;
  part: string;
  /** '' for the body root. */
  pointer: string;
  keyword: string;
}

export function parseSchemaRuleId(id: string): SchemaRuleParts | undefined {
  const m = SCHEMA_ID.exec(id);
  if (!m) return undefined;
  return { operationId: m[1]!, part: m[2]!, pointer: m[3] === '/' ? '' : m[3]!, keyword: m[4]! };
}

function parentOf(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/**
 * The key whose presence proves the validation checked this response or callback rule; undefined
 * for request rules (the validator never judges what the suite sends: those need a check's `covers`).
 */
export function exercisingKey(rule: SchemaRuleParts): string | undefined {
  if (rule.part === 'request') return undefined;
  const at = rule.part === 'callback' ? `${rule.operationId} callback` : `${rule.operationId} ${rule.part.replace('.', ' ')}`;
  if (rule.pointer.startsWith('header/')) return rule.keyword === 'required' ? at : `${at} ${rule.pointer}`;
  // `required` is checked wherever the parent object is; every other keyword where its node is.
  return `${at} body ${rule.keyword === 'required' ? parentOf(rule.pointer) : rule.pointer}`;
}
