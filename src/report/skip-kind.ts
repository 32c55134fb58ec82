// Why a test was skipped, read from its note: decides whether the run is complete. Checks start
// their skip notes with these words, so the wording and the verdict cannot drift apart.

/** Why a test was skipped, from its note: decides whether the run is complete. */
export type SkipKind =
  /** "not selected: ..." — the user deselected the area (--only/--skip). */
  | 'deselected'
  /** "needs ..." — missing configuration or operator data: the run is INCOMPLETE. */
  | 'needs'
  /** "cannot check: ..." — the endpoint's state or an allowed choice of it (a busy test device, a
   *  purged session, a long minDuration) left nothing to check: the run is INCOMPLETE, no blame. */
  | 'blocked'
  /** The test never finished (run interrupted): the run is INCOMPLETE. */
  | 'not-run'
  /** Anything else (e.g. "not applicable to 0.10.1", a static skip): neutral. */
  | 'other';

/** How a skip note starts when the endpoint's state or an allowed choice of it made the check impossible. */
export const BLOCKED_SKIP = 'cannot check: ';

export function skipKindOf(note: string | undefined): SkipKind {
  if (note?.startsWith('not selected:')) return 'deselected';
  if (note?.startsWith('needs ')) return 'needs';
  if (note?.startsWith(BLOCKED_SKIP)) return 'blocked';
  return 'other';
}
