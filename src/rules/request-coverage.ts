// Request-schema rules a check exercised: the spec validator never judges what the suite sends, so
// a check that sends a body breaking a constraint, and judges the refusal, says which rule it was.
import { escapeSegment } from '../spec/json.js';
import type { Violation } from '../spec/types.js';
import { requestBodyRuleId } from './rule-ids.js';

/**
 * The rule a request body breaks, when it breaks exactly one (a body breaking several proves
 * nothing about each of them: a refusal may come from any). `required` is reported at the parent:
 * the inventory writes it at the missing property.
 */
export function singleBrokenRule(operationId: string, violations: readonly Violation[]): string | undefined {
  if (violations.length !== 1) return undefined;
  const v = violations[0]!;
  const missing = v.rule === 'required' ? /'([^']+)'/.exec(v.message)?.[1] : undefined;
  const pointer = missing === undefined ? v.pointer : `${v.pointer}/${escapeSegment(missing)}`;
  return requestBodyRuleId(operationId, pointer, v.rule);
}
