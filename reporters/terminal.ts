// The CLI's terminal output: a running line per area as test files finish, then the summary.
import { join } from 'node:path';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import { addTo, emptyCount, type AreaCount } from '../src/report/areas.js';
import { collectResults } from '../src/report/model.js';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { redactText } from '../src/report/run-record.js';
import { areaLine, paintFor, summaryLines, type Paint } from '../src/report/terminal.js';
import { ARTIFACTS } from '../src/report/write.js';

export interface TerminalReporterOptions extends ReporterOptions {
  /** Where text goes (default: process.stdout). */
  write?: (text: string) => void;
  /** ANSI colours (default: stdout is a TTY and NO_COLOR is unset). */
  colour?: boolean;
}

export class TerminalReporter implements Reporter {
  private readonly running = new Map<string, AreaCount>();
  private readonly paint: Paint;
  private readonly write: (text: string) => void;

  constructor(private readonly options: TerminalReporterOptions) {
    this.paint = paintFor(options.colour ?? (process.stdout.isTTY === true && !process.env.NO_COLOR));
    this.write = options.write ?? ((text) => void process.stdout.write(text));
  }

  onTestModuleEnd(module: TestModule): void {
    const touched = new Set<string>();
    for (const test of collectResults([module]).tests) {
      if (test.skipKind === 'deselected') continue; // the user did not ask for it: stay quiet
      const count = this.running.get(test.area) ?? emptyCount(test.area);
      addTo(count, test);
      this.running.set(test.area, count);
      touched.add(test.area);
    }
    const lines = [...touched].map((area) => areaLine(this.running.get(area) ?? emptyCount(area)));
    if (lines.length > 0) this.print(lines);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    this.print(summaryLines(data, join(reportDir, ARTIFACTS.html), this.paint));
  }

  private print(lines: string[]): void {
    this.write(redactText(`${lines.join('\n')}\n`, this.options.secrets));
  }
}
