// Errors a user can hit end the run with one line on stderr and a distinct exit code.

export const EXIT = {
  /** Every applicable check passed. */
  conformant: 0,
  /** At least one check failed: the endpoint broke a rule. */
  notConformant: 1,
  /** Bad flag, bad value, unreadable spec or config file. */
  usage: 2,
  /** Endpoint unreachable before any check (DNS, refused, TLS), or the run was aborted. */
  unreachable: 3,
  /** Our tool broke (a harness error): never blamed on the endpoint. */
  toolError: 4,
  /** No check failed, but checks were skipped for missing operator data. */
  incomplete: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error with a one-line message and the exit code it maps to. */
export class QodError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  constructor(message: string, exitCode: ExitCode, code: string) {
    super(message);
    this.name = 'QodError';
    this.exitCode = exitCode;
    this.code = code;
  }
}

export class UsageError extends QodError {
  constructor(message: string) {
    super(message, EXIT.usage, 'QOD_USAGE');
    this.name = 'UsageError';
  }
}

export class UnreachableError extends QodError {
  constructor(message: string) {
    super(message, EXIT.unreachable, 'QOD_UNREACHABLE');
    this.name = 'UnreachableError';
  }
}

/** Maps any error to an exit code and a single line; unknown errors are ours (tool error). */
export function describeFatal(error: unknown): { exitCode: ExitCode; line: string } {
  if (error instanceof QodError) return { exitCode: error.exitCode, line: error.message };
  const named = error as { name?: string; code?: string; message?: string } | undefined;
  if (named?.name === 'SpecLoadError' || named?.code === 'QOD_SPEC_INVALID') {
    return { exitCode: EXIT.usage, line: firstLine(named.message ?? 'invalid spec file') };
  }
  if (named?.code === 'QOD_UNKNOWN_FAULT') {
    return { exitCode: EXIT.usage, line: firstLine(named.message ?? 'unknown fault') };
  }
  if (named?.code === 'QOD_INVALID_VARIANT') {
    return { exitCode: EXIT.usage, line: firstLine(named.message ?? 'invalid variant') };
  }
  const message = named?.message ?? String(error);
  return { exitCode: EXIT.toolError, line: `tool error (a bug in qod-conformance, not in your endpoint): ${firstLine(message)}` };
}

export function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
