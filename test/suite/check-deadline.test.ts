// A check's time limit stands still while it waits for test devices, and still ends a check that
// runs too long outside those waits.
import { describe, expect, it } from 'vitest';
import { CheckDeadline } from '../../src/suite/check-deadline.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CheckDeadline', () => {
  it('expires after its limit of running time', async () => {
    const deadline = new CheckDeadline(50);
    await expect(deadline.expired).rejects.toThrow(/Test timed out in 50ms/);
  });

  it('does not count the waits for devices, and says how long they were', async () => {
    const deadline = new CheckDeadline(150);
    let expired = false;
    deadline.expired.catch(() => (expired = true));
    await sleep(60);
    deadline.pause();
    await sleep(250);
    expect(expired).toBe(false);
    deadline.resume();
    await expect(deadline.expired).rejects.toThrow(/not counting 0 s|Test timed out in 150ms/);
    expect(deadline.waitedMs).toBeGreaterThanOrEqual(240);
  });

  it('never expires once stopped (the check ended in time)', async () => {
    const deadline = new CheckDeadline(30);
    deadline.stop();
    let expired = false;
    deadline.expired.catch(() => (expired = true));
    await sleep(80);
    expect(expired).toBe(false);
  });
});
