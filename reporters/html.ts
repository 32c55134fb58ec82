// Writes report.html, the self-contained report operators hand to certifiers.
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import { renderHtml } from '../src/report/html/render.js';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { ARTIFACTS, writeArtifact } from '../src/report/write.js';

export class HtmlReporter implements Reporter {
  constructor(private readonly options: ReporterOptions) {}

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    await writeArtifact(reportDir, ARTIFACTS.html, renderHtml(data), secrets);
  }
}
