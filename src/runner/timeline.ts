// Where a run's time goes: milestones of the CLI process and when each suite file started and
// ended (ms since the process started), written to <report dir>/timings.json for `npm run bench`.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { packageRoot } from '../util/package-root.js';

export type Milestone = 'servicesReady' | 'suitesCreated' | 'suitesEnded' | 'reportsWritten';

export interface Timings {
  /** ms since the CLI process started. */
  milestones: Partial<Record<Milestone | 'firstFileStarted' | 'lastFileEnded', number>>;
  files: Array<{ file: string; startMs: number; endMs?: number }>;
}

export class Timeline implements Reporter {
  private readonly data: Timings = { milestones: {}, files: [] };

  mark(milestone: Milestone): void {
    this.data.milestones[milestone] ??= Math.round(performance.now());
  }

  onTestModuleStart(module: TestModule): void {
    const startMs = Math.round(performance.now());
    this.data.milestones.firstFileStarted ??= startMs;
    this.data.files.push({ file: relative(packageRoot(), module.moduleId), startMs });
  }

  onTestModuleEnd(module: TestModule): void {
    const endMs = Math.round(performance.now());
    const entry = this.data.files.find((f) => f.file === relative(packageRoot(), module.moduleId));
    if (entry) entry.endMs = endMs;
    this.data.milestones.lastFileEnded = endMs;
  }

  /** Before the other reporters: their work (sweep, reports) is not the suites'. */
  onTestRunEnd(): void {
    this.mark('suitesEnded');
  }

  write(file: string): void {
    try {
      writeFileSync(file, `${JSON.stringify(this.data, null, 2)}\n`);
    } catch {
      // figures for the benchmark only
    }
  }
}
