// All report writers for one run, sharing the same options.
import type { Reporter } from 'vitest/node';
import { BadgeReporter } from './badge.js';
import { HtmlReporter } from './html.js';
import { JsonReporter } from './json.js';
import { JunitReporter } from './junit.js';
import { TerminalReporter, type TerminalReporterOptions } from './terminal.js';

export type { ReporterOptions } from '../src/report/report-data.js';
export type { RunRecord } from '../src/report/run-record.js';
export { BadgeReporter, HtmlReporter, JsonReporter, JunitReporter, TerminalReporter, type TerminalReporterOptions };

/** junit.xml, report.json, report.html, badge.svg and the terminal summary. */
export function createReporters(opts: TerminalReporterOptions): Reporter[] {
  return [new TerminalReporter(opts), new JunitReporter(opts), new JsonReporter(opts), new HtmlReporter(opts), new BadgeReporter(opts)];
}
