// Order of the suite files: those with the longest chains of sequential round trips (property
// runs: --runs cases one after another) start first, then those that mostly wait on endpoint
// timers (session expiry, callbacks), so that their waits overlap with the rest instead of
// trailing at the end of the run. A file says so in its header: `// qod-chains: <what>` or
// `// qod-waits: <what>`.
import { closeSync, openSync, readSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const WAITS_MARKER = /^\/\/ qod-waits: /m;
export const CHAINS_MARKER = /^\/\/ qod-chains: /m;

/** The file's header (first 4 KiB), or '' when it cannot be read. */
function header(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the file's header carries the waits marker. */
export function waitsOnTimers(file: string): boolean {
  return WAITS_MARKER.test(header(file));
}

/** Whether the file's header carries the chains marker (long runs of sequential requests). */
export function runsLongChains(file: string): boolean {
  return CHAINS_MARKER.test(header(file));
}

export class WaitingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const chains = sorted.filter((f) => runsLongChains(f.moduleId));
    const waiting = sorted.filter((f) => !chains.includes(f) && waitsOnTimers(f.moduleId));
    return [...chains, ...waiting, ...sorted.filter((f) => !chains.includes(f) && !waiting.includes(f))];
  }
}
