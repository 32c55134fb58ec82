// Time helpers: one timestamp format everywhere and timers that survive long durations.

/** RFC 3339 UTC with second precision ("2024-06-01T12:00:00Z"): startedAt + duration is exact. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface Cancelable {
  cancel(): void;
}

/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); chain shorter waits instead. */
const MAX_TIMER_MS = 2_147_483_647;

/** Runs `fn` at wall-clock time `atMs`. Timers are unref'd: they never keep a process alive. */
export function runAt(atMs: number, fn: () => void): Cancelable {
  let handle: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const wait = atMs - Date.now();
    handle = wait > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fn, Math.max(0, wait));
    handle.unref();
  };
  arm();
  return { cancel: () => clearTimeout(handle) };
}

/** How an instant is rendered: UTC with "Z"; a +02:00 offset with microseconds; lower-case "t" and "z" (all RFC 3339 §5.6). */
export type InstantStyle = 'utc' | 'offset' | 'lowercase';

/** Offset of the 'offset' style: a provider two hours east of UTC. */
const OFFSET_MINUTES = 120;

export function formatInstant(ms: number, style: InstantStyle): string {
  const iso = new Date(ms).toISOString(); // 2024-06-01T12:00:00.123Z
  if (style === 'lowercase') return iso.replace('T', 't').replace('Z', 'z');
  if (style === 'utc') return iso;
  const local = new Date(ms + OFFSET_MINUTES * 60_000).toISOString().slice(0, -1); // without "Z"
  const sign = OFFSET_MINUTES >= 0 ? '+' : '-';
  const abs = Math.abs(OFFSET_MINUTES);
  return `${local}000${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
