// Writes badge.svg ("QoD 1.1.0 | conformant") for READMEs and dashboards.
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import { renderBadge } from '../src/report/badge.js';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { targetLabel } from '../src/report/run-record.js';
import { ARTIFACTS, writeArtifact } from '../src/report/write.js';

export class BadgeReporter implements Reporter {
  constructor(private readonly options: ReporterOptions) {}

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    const svg = renderBadge(targetLabel(data.run), data.verdict, data.counts.failed + data.groupErrors.filter((g) => g.conformance).length);
    await writeArtifact(reportDir, ARTIFACTS.badge, svg, secrets);
  }
}
