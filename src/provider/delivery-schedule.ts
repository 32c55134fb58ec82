// When a built notification is posted: at once (default), `delayMs` later (variant late-callbacks),
// and, with a swap window (variant swapped-events), each event of a session is held that long so
// that a second event of the same session arriving meanwhile overtakes it. The event's content
// (its `time` included) is fixed before it gets here: only the moment of posting changes.

export interface DeliveryScheduleOptions {
  /** Added to every delivery. */
  delayMs: number;
  /** 0: no reordering; else how long an event waits for a later one of its session to overtake it. */
  swapWindowMs: number;
}

export type Send = () => Promise<void>;

interface Held {
  release(): void;
  /** Set when a later event of the session went first: this one follows at once. */
  overtaken: boolean;
}

export class DeliverySchedule {
  private readonly held = new Map<string, Held>();

  constructor(private readonly options: DeliveryScheduleOptions) {}

  /** Resolves once `send` ran (or was given up because `signal` aborted). */
  async submit(sessionId: string, send: Send, signal: AbortSignal): Promise<void> {
    const { delayMs, swapWindowMs } = this.options;
    if (swapWindowMs <= 0) {
      if (await wait(delayMs, signal)) await send();
      return;
    }
    const earlier = this.held.get(sessionId);
    if (earlier) {
      // The later event goes first, then the one it overtook.
      this.held.delete(sessionId);
      if (await wait(delayMs, signal)) await send();
      earlier.overtaken = true;
      earlier.release();
      return;
    }
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const entry: Held = { release, overtaken: false };
    this.held.set(sessionId, entry);
    const timer = setTimeout(() => {
      if (this.held.get(sessionId) === entry) this.held.delete(sessionId);
      release();
    }, swapWindowMs);
    timer.unref();
    const onAbort = (): void => {
      clearTimeout(timer);
      release();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    await released;
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    if (this.held.get(sessionId) === entry) this.held.delete(sessionId);
    if (signal.aborted) return;
    // Not overtaken within the window: posted now (plus the delay); overtaken: right after the other.
    if (entry.overtaken || (await wait(delayMs, signal))) await send();
  }
}

/** true once `ms` passed, false when aborted first. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
