// What the self-tests read of a test in report.json.
export interface ReportTest {
  name: string;
  state: string;
  skipNote?: string;
  skipKind?: string;
  failure?: { message: string };
}
