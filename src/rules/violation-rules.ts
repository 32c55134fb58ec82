// The inventory rule a spec violation of an answer breaks: what root causes group by. Error bodies
// fold into the two error rules (one defect of the error model, whichever field shows it).
import { escapeSegment } from '../spec/json.js';
import type { Violation } from '../spec/types.js';
import { schemaRuleId, ITEM } from './rule-ids.js';
import { PROVISIONING_OPERATION_IDS } from '../versions/provisioning-rules.js';

export const CROSS_CUTTING = {
  documentedStatus: 'errors.documented-status',
  errorInfo: 'errors.errorinfo-body',
  codePerStatus: 'errors.code-per-status',
  correlatorEcho: 'headers.x-correlator-echo',
  contentType: 'headers.content-type-json',
} as const;

/** The same rules in the QoS Provisioning inventory (specs/rules/prose.json provisioning.*). */
export const PROVISIONING_CROSS_CUTTING: Readonly<Record<keyof typeof CROSS_CUTTING, string>> = {
  documentedStatus: 'provisioning.documented-status',
  errorInfo: 'provisioning.errorinfo-body',
  codePerStatus: 'provisioning.code-per-status',
  correlatorEcho: 'provisioning.x-correlator-echo',
  contentType: 'provisioning.content-type-json',
};

export function ruleIdOfViolation(v: Violation): string {
  // A provisioning operation's answer breaks the rule of its own API's inventory.
  const rules = PROVISIONING_OPERATION_IDS.has(v.operationId) ? PROVISIONING_CROSS_CUTTING : CROSS_CUTTING;
  switch (v.rule) {
    case 'undocumented-status':
      return rules.documentedStatus;
    case 'x-correlator-echo':
      return rules.correlatorEcho;
    case 'content-type':
    case 'invalid-json':
      return rules.contentType;
  }
  const status = Number(v.where);
  if (status >= 400) return v.pointer === '/code' && v.rule === 'enum' ? rules.codePerStatus : rules.errorInfo;
  const part = v.where === 'callback' ? 'callback' : v.where === 'request' ? 'request' : `response.${v.where}`;
  // A missing property breaks the `required` rule of its own pointer ("/assignmentId.required"), as the inventory names it.
  const pointer = v.rule === 'required' && v.missingProperty !== undefined ? `${v.pointer}/${escapeSegment(v.missingProperty)}` : v.pointer;
  return schemaRuleId(v.operationId, part, pointer.replace(/\/\d+(?=\/|$)/g, `/${ITEM}`), v.rule);
}

/** The rules a failure of a check breaks when it names none: the check's own, not the cross-cutting
 *  ones (a failure of those names them: failOnViolations, expectError). */
export function ownRules(rules: readonly string[]): string[] {
  const cross = new Set<string>([...Object.values(CROSS_CUTTING), ...Object.values(PROVISIONING_CROSS_CUTTING)]);
  return rules.filter((id) => !cross.has(id));
}
