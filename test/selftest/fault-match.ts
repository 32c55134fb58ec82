// How a fault's `catches` and `collateral` name the checks of a report: an official scenario ID
// (with or without its @) or the start of a check's name. The one place the self-tests match them.
import type { FaultInfo } from '../../src/provider/faults.js';

/** What of a report's test the matching reads. */
export interface NamedTest {
  name: string;
  scenarioId?: string;
}

/** A fault names the test that must catch it: a scenario ID or the start of a check's name. */
export const catchesTest = (catches: string) => (t: NamedTest): boolean => {
  const key = catches.replace(/^@/, '');
  return t.scenarioId === key || t.name.startsWith(key);
};

/** The test is the fault's catch or its declared collateral (collateral '*': any test). */
export function declaredBy(info: FaultInfo, t: NamedTest): boolean {
  const declared = info.collateral?.checks;
  return catchesTest(info.catches)(t) || declared === '*' || (declared ?? []).some((c) => catchesTest(c)(t));
}
