// The inventory rule a spec violation of an answer breaks: what root causes group by. Error bodies
// fold into the two error rules (one defect of the error model, whichever field shows it).
import type { Violation } from '../spec/types.js';
import { schemaRuleId, ITEM } from './rule-ids.js';

export const CROSS_CUTTING = {
  documentedStatus: 'errors.documented-status',
  errorInfo: 'errors.errorinfo-body',
  codePerStatus: 'errors.code-per-status',
  correlatorEcho: 'headers.x-correlator-echo',
  contentType: 'headers.content-type-json',
} as const;

export function ruleIdOfViolation(v: Violation): string {
  switch (v.rule) {
    case 'undocumented-status':
      return CROSS_CUTTING.documentedStatus;
    case 'x-correlator-echo':
      return CROSS_CUTTING.correlatorEcho;
    case 'content-type':
    case 'invalid-json':
      return CROSS_CUTTING.contentType;
  }
  const status = Number(v.where);
  if (status >= 400) return v.pointer === '/code' && v.rule === 'enum' ? CROSS_CUTTING.codePerStatus : CROSS_CUTTING.errorInfo;
  const part = v.where === 'callback' ? 'callback' : v.where === 'request' ? 'request' : `response.${v.where}`;
  return schemaRuleId(v.operationId, part, v.pointer.replace(/\/\d+(?=\/|$)/g, `/${ITEM}`), v.rule);
}

/** The rules a failure of a check breaks when it names none: the check's own, not the cross-cutting
 *  ones (a failure of those names them: failOnViolations, expectError). */
export function ownRules(rules: readonly string[]): string[] {
  const cross = new Set<string>(Object.values(CROSS_CUTTING));
  return rules.filter((id) => !cross.has(id));
}
