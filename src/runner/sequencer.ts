// Order of the suite files: those that mostly wait on endpoint timers (session expiry, callbacks)
// start first, so that their waits overlap with the files that keep the CPU busy instead of
// trailing at the end of the run. A file says so with a `// qod-waits: <what>` line in its header.
import { closeSync, openSync, readSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const WAITS_MARKER = /^\/\/ qod-waits: /m;

/** Whether the file's header (first 4 KiB) carries the waits marker. */
export function waitsOnTimers(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return WAITS_MARKER.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class WaitingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waiting = sorted.filter((f) => waitsOnTimers(f.moduleId));
    return [...waiting, ...sorted.filter((f) => !waiting.includes(f))];
  }
}
