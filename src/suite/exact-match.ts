// Exact matching of names: a QoS profile name is a string identifier (QosProfileName), and JSON
// strings are equal only when they are identical, so a name that differs in case names another
// profile (usually none). Providers that fold case would hand a client a profile it did not ask for.
import type { Qod } from './harness.js';

/** `name` with the case of every letter swapped (QOS_E → qos_e); undefined when it has no letter. */
export function caseSwapped(name: string): string | undefined {
  const swapped = [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return swapped === name ? undefined : swapped;
}

/** The operator's valid profile and its case-swapped name (skip when the name has no letter to swap). */
export function profileAndCaseVariant(q: Qod): { name: string; variant: string } {
  const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  const variant = caseSwapped(name);
  if (variant === undefined) q.need(`qosProfiles.valid with a letter in its name (${JSON.stringify(name)} has none to change the case of)`, undefined);
  return { name, variant: variant! };
}

/** Where the rule is written. */
export function exactNameRule(q: Qod, where: string): string {
  return q.cite(`QosProfileName "a unique name for identifying a specific QoS profile" (a string: names equal only when identical); ${where}`);
}
