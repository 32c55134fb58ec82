// Writes report.json (the run record, verdict, coverage, counts and every result with evidence).
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { ARTIFACTS, writeArtifact } from '../src/report/write.js';

export class JsonReporter implements Reporter {
  constructor(private readonly options: ReporterOptions) {}

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    await writeArtifact(reportDir, ARTIFACTS.json, `${JSON.stringify(data, null, 2)}\n`, secrets);
  }
}
