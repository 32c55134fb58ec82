// Writes junit.xml for CI when the run ends.
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import { renderJunit } from '../src/report/junit.js';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { ARTIFACTS, writeArtifact } from '../src/report/write.js';

export class JunitReporter implements Reporter {
  constructor(private readonly options: ReporterOptions) {}

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    await writeArtifact(reportDir, ARTIFACTS.junit, renderJunit(data), secrets);
  }
}
