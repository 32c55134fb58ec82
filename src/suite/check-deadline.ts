// A check's time limit that stands still while the check waits for a test device. With few
// devices and many checks at once, a check may queue a long time for one: that wait says nothing
// about the endpoint and must not turn into a timeout (a tool error). The wait for devices has its
// own, much longer bound, so that a check that can never get one still ends.
import { performance } from 'node:perf_hooks';

/** Longest wait for test devices, summed over a check. */
export const MAX_DEVICE_WAIT_MS = 15 * 60_000;

export class CheckDeadline {
  /** Rejects when the check has run `limitMs` outside its waits for devices. */
  readonly expired: Promise<never>;
  /** Time spent waiting for devices so far. */
  waitedMs = 0;
  private remainingMs: number;
  private timer: NodeJS.Timeout | undefined;
  private runningSince = 0;
  private pausedSince = 0;
  private paused = 0;
  private stopped = false;
  private reject!: (error: Error) => void;

  constructor(private readonly limitMs: number) {
    this.remainingMs = limitMs;
    this.expired = new Promise<never>((_, reject) => (this.reject = reject));
    // Only raced against the check: never an unhandled rejection when the check ends first.
    this.expired.catch(() => undefined);
    this.run();
  }

  /** Stops the clock until the matching resume() (calls nest). */
  pause(): void {
    if (this.stopped || this.paused++ > 0) return;
    clearTimeout(this.timer);
    this.remainingMs -= performance.now() - this.runningSince;
    this.pausedSince = performance.now();
  }

  resume(): void {
    if (this.stopped || --this.paused > 0) return;
    this.waitedMs += performance.now() - this.pausedSince;
    this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private run(): void {
    this.runningSince = performance.now();
    this.timer = setTimeout(
      () => {
        this.stopped = true;
        const waited = Math.round(this.waitedMs / 1000);
        this.reject(new Error(`Test timed out in ${this.limitMs}ms${waited ? ` (not counting ${waited} s waiting for test devices)` : ''}.`));
      },
      Math.max(0, this.remainingMs),
    );
  }
}
