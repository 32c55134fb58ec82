// The CLI's terminal output: progress while the run goes on, then the summary. In a terminal one
// status line is rewritten in place; elsewhere (CI logs) each finished suite file gets one line.
import { join } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSpecification } from 'vitest/node';
import { addTo, emptyCount } from '../src/report/areas.js';
import { ANNOTATION } from '../src/evidence/types.js';
import { collectResults } from '../src/report/model.js';
import { fileLine, liveLine, type ProgressState } from '../src/report/progress.js';
import { buildReportData, type ReporterOptions } from '../src/report/report-data.js';
import { redactText } from '../src/report/run-record.js';
import { paintFor, summaryLines, type Paint } from '../src/report/terminal.js';
import { ARTIFACTS } from '../src/report/write.js';

export interface TerminalReporterOptions extends ReporterOptions {
  /** Where text goes (default: process.stdout). */
  write?: (text: string) => void;
  /** ANSI colours (default: stdout is a TTY and NO_COLOR is unset). */
  colour?: boolean;
  /** A live status line rewritten in place (default: stdout is a TTY); otherwise one line per file. */
  live?: boolean;
  /** Sessions created and not yet deleted, for the status line (the run's ledger). */
  sessionsLive?: () => number;
  /** How often the live line is redrawn, so elapsed time moves between results (default 1 s). */
  refreshMs?: number;
}

/** "N further exchanges not kept": the harness keeps a bounded transcript but counts the rest. */
const DROPPED = /^(\d+) further exchanges not kept/;

export class TerminalReporter implements Reporter {
  private readonly paint: Paint;
  private readonly write: (text: string) => void;
  private readonly live: boolean;
  private readonly started = performance.now();
  private readonly fileStarted = new Map<string, number>();
  private readonly state: ProgressState = { filesDone: 0, filesTotal: 0, passed: 0, failed: 0, requests: 0, elapsedMs: 0 };
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private lastDraw = 0;

  constructor(private readonly options: TerminalReporterOptions) {
    const tty = process.stdout.isTTY === true;
    this.paint = paintFor(options.colour ?? (tty && !process.env.NO_COLOR));
    this.write = options.write ?? ((text) => void process.stdout.write(text));
    this.live = options.live ?? tty;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.state.filesTotal = new Set(specifications.map((s) => s.moduleId)).size;
    if (!this.live) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.options.refreshMs ?? 1000);
    this.timer.unref();
  }

  onTestModuleStart(module: TestModule): void {
    this.fileStarted.set(module.moduleId, performance.now());
    this.state.firstFileStartedMs ??= performance.now() - this.started;
  }

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') this.state.passed += 1;
    else if (state === 'failed') this.state.failed += 1;
    for (const a of testCase.annotations()) {
      if (a.type === ANNOTATION.exchange) this.state.requests += 1;
      else this.state.requests += Number(DROPPED.exec(a.message)?.[1] ?? 0);
    }
    // Results can come by the hundred per second: redraw at most every 100 ms for them.
    if (this.live && performance.now() - this.lastDraw >= 100) this.draw();
  }

  onTestModuleEnd(module: TestModule): void {
    this.state.filesDone += 1;
    if (this.live) {
      this.draw();
      return;
    }
    const count = emptyCount('');
    for (const test of collectResults([module]).tests) addTo(count, test);
    const started = this.fileStarted.get(module.moduleId) ?? this.started;
    this.print([fileLine(module.relativeModuleId.replace(/^dist\//, ''), count, this.state.filesDone, this.state.filesTotal, performance.now() - started)]);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    this.stopLive();
    const { reportDir, getRunRecord, secrets } = this.options;
    const data = buildReportData(modules, errors, reason, getRunRecord(), secrets);
    this.print(summaryLines(data, join(reportDir, ARTIFACTS.html), this.paint));
  }

  private draw(): void {
    this.lastDraw = performance.now();
    this.state.elapsedMs = this.lastDraw - this.started;
    const sessions = this.sessionsLive();
    const full = liveLine(sessions === undefined ? this.state : { ...this.state, sessionsLive: sessions });
    // A line wider than the terminal wraps, and \r would then rewrite only its last row.
    const columns = process.stdout.columns;
    const line = columns && full.length >= columns ? `${full.slice(0, columns - 2)}…` : full;
    // \r and erase-line: the status line is rewritten in place, never scrolled.
    this.write(redactText(`\r\x1b[2K${this.paint.dim(line)}`, this.options.secrets));
    this.shown = true;
  }

  private sessionsLive(): number | undefined {
    try {
      return this.options.sessionsLive?.();
    } catch {
      return undefined; // a ledger being written; the next redraw reads it again
    }
  }

  /** The last status line stays on screen, the summary follows below it. */
  private stopLive(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live && this.shown) {
      this.draw();
      this.write('\n');
    }
  }

  private print(lines: string[]): void {
    this.write(redactText(`${lines.join('\n')}\n`, this.options.secrets));
  }
}
