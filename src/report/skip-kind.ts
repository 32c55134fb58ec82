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
  /** "not exercised: <step> failed: ..." — a setup step the check needed (a create, a profile read,
   *  a cleanup) failed, so its subject was never tested: the run is INCOMPLETE, the subject unblamed
   *  (the check whose subject that step is judges it). */
  | 'not-exercised'
  /** "not applicable to QoD ..." — the rule does not exist in the version under test: neutral,
   *  and counted apart so that a version's missing rules never read as skipped work. */
  | 'not-applicable'
  /** The test never finished (run interrupted): the run is INCOMPLETE. */
  | 'not-run'
  /** Anything else (a static skip): neutral. */
  | 'other';

/** How a skip note starts when the endpoint's state or an allowed choice of it made the check impossible. */
export const BLOCKED_SKIP = 'cannot check: ';

/** How a skip note starts when a precondition of the check failed (src/suite/precondition.ts). */
export const NOT_EXERCISED_SKIP = 'not exercised: ';

/** How a skip note starts when the check does not apply to the version under test. */
export const NOT_APPLICABLE_SKIP = 'not applicable to ';

export function skipKindOf(note: string | undefined): SkipKind {
  if (note?.startsWith('not selected:')) return 'deselected';
  if (note?.startsWith('needs ')) return 'needs';
  if (note?.startsWith(BLOCKED_SKIP)) return 'blocked';
  if (note?.startsWith(NOT_EXERCISED_SKIP)) return 'not-exercised';
  if (note?.startsWith(NOT_APPLICABLE_SKIP)) return 'not-applicable';
  return 'other';
}
