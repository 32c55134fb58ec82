// Session times before 0.11.1 (0.8.1 and 0.10.1): required int64 epoch seconds, planned values while
// REQUESTED, derived from the current SessionInfo's RFC 3339 times.
import type { ProviderContext } from '../context.js';
import { rfc3339Seconds } from '../time.js';

const epoch = (rfc3339: unknown): number | undefined => (typeof rfc3339 === 'string' ? Math.floor(Date.parse(rfc3339) / 1000) : undefined);

/** startedAt and expiresAt of `info` in epoch seconds (fault times-wrong-format: as RFC 3339 strings). */
export function epochTimes(ctx: ProviderContext, info: Record<string, unknown>): { startedAt: number | string; expiresAt: number | string } {
  const started = epoch(info.startedAt) ?? Math.floor(Date.now() / 1000);
  const expires = epoch(info.expiresAt) ?? started + Number(info.duration);
  const wrong = ctx.faults.has('times-wrong-format');
  return { startedAt: wrong ? rfc3339Seconds(started * 1000) : started, expiresAt: wrong ? rfc3339Seconds(expires * 1000) : expires };
}
