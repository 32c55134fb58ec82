// Progress text while a run goes on: one live status line for a terminal, and one line per
// finished suite file for logs (CI), where a rewritten line would only pile up.
import { skippedBesidesNotApplicable, type AreaCount } from './areas.js';

export interface ProgressState {
  filesDone: number;
  /** 0 until vitest has said how many files it will run. */
  filesTotal: number;
  passed: number;
  failed: number;
  /** HTTP requests the finished checks sent (their recorded exchanges). */
  requests: number;
  /** Sessions created and not yet deleted, when the run keeps a ledger. */
  sessionsLive?: number;
  elapsedMs: number;
  /** When the first suite file started (ms into the run): the start-up before it is not suite pace. */
  firstFileStartedMs?: number;
}

/**
 * Remaining time from the pace of the files done so far, measured from the first file's start. None
 * before a third of the files (at least 3) are done: files run side by side and the ones that wait on
 * the endpoint's timers start first, so the first few to end say nothing of the rest (a run that
 * ended at 9.8 s once showed an ETA of 1m22s after its first file).
 */
export function etaMs(state: Pick<ProgressState, 'filesDone' | 'filesTotal' | 'elapsedMs' | 'firstFileStartedMs'>): number | undefined {
  const { filesDone, filesTotal, elapsedMs } = state;
  if (filesTotal === 0 || filesDone >= filesTotal || filesDone < Math.max(3, Math.ceil(filesTotal / 3))) return undefined;
  const suiteMs = Math.max(0, elapsedMs - (state.firstFileStartedMs ?? 0));
  return Math.round((suiteMs / filesDone) * (filesTotal - filesDone));
}

/** e.g. "3/14 files · 120 passed · 1 failed · 812 requests · 2 sessions live · 1m05s · ETA 2m10s". */
export function liveLine(state: ProgressState): string {
  const parts = [`${state.filesDone}/${state.filesTotal || '?'} files`, `${state.passed} passed`, `${state.failed} failed`, `${state.requests} requests`];
  if (state.sessionsLive !== undefined) parts.push(`${state.sessionsLive} session${state.sessionsLive === 1 ? '' : 's'} live`);
  parts.push(formatDuration(state.elapsedMs));
  const eta = etaMs(state);
  if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  return parts.join(' · ');
}

/** e.g. "[3/14] sessions/createSession.test.js: 12 passed, 1 failed, 2 not applicable (8.1s)": the file's own counts. */
export function fileLine(file: string, count: AreaCount, filesDone: number, filesTotal: number, durationMs: number): string {
  const parts = [`${count.passed} passed`, `${count.failed} failed`];
  if (count.total > 0 && count.deselected === count.total) parts.splice(0, parts.length, 'not selected');
  if (count.notApplicable > 0) parts.push(`${count.notApplicable} not applicable`);
  const skipped = skippedBesidesNotApplicable(count) - count.deselected;
  if (skipped > 0) parts.push(`${skipped} skipped`);
  if (count.errors > 0) parts.push(`${count.errors} tool errors`);
  return `[${filesDone}/${filesTotal || '?'}] ${file}: ${parts.join(', ')} (${formatDuration(durationMs)})`;
}

/** "850ms", "8.1s", "1m05s", "1h02m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
