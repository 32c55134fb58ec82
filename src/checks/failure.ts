// Two error families (as in schemathesis): a ConformanceFailure means the endpoint broke a rule;
// anything else thrown in a test is a harness error (our bug) and is reported as such.

export interface FailureDetails {
  /** Where the rule is written: a spec location ("QoD 1.1.0 createSession responses.400 code enum")
   *  or an official scenario ID. */
  rule: string;
  expected: string;
  actual: string;
  /** Inventory IDs of every rule the answer broke (root causes group by them); default: the check's own rules. */
  ruleIds?: readonly string[];
}

export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  readonly rule: string;
  readonly expected: string;
  readonly actual: string;
  ruleIds: string[] | undefined;

  constructor(summary: string, details: FailureDetails) {
    super(`${summary}\n  rule: ${details.rule}\n  expected: ${details.expected}\n  actual: ${details.actual}`);
    this.rule = details.rule;
    this.expected = details.expected;
    this.actual = details.actual;
    this.ruleIds = details.ruleIds ? [...new Set(details.ruleIds)] : undefined;
  }
}

/** True for errors that mean "the endpoint failed a check" (ours or vitest's expect). */
export function isConformanceError(error: { name?: string } | undefined): boolean {
  return error?.name === 'ConformanceFailure' || error?.name === 'AssertionError';
}

export function fail(summary: string, details: FailureDetails): never {
  throw new ConformanceFailure(summary, details);
}
