// What the self-tests read of a test in report.json.
export interface ReportTest {
  name: string;
  /** Its enclosing blocks and its name, joined with " > ". */
  fullName: string;
  /** The check's registry ID (src/checks). */
  checkId?: string;
  state: string;
  skipNote?: string;
  skipKind?: string;
  failure?: { message: string; ruleIds?: string[] };
}
