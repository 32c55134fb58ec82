// Spaces requests so that at most maxRps start per second (0 = unlimited) and at most
// `concurrency` are in flight: an operator's production endpoint is on the other side.

export class Pacer {
  private nextSlot = 0;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxRps: number,
    private readonly concurrency: number,
  ) {}

  async acquire(): Promise<() => void> {
    if (this.inFlight >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    if (this.maxRps > 0) {
      const now = Date.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / this.maxRps;
      if (slot > now) await sleep(slot - now);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.waiting.shift()?.();
    };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
