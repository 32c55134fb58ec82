// An operator dialect: how an operator's QoD endpoint deliberately differs from CAMARA in ways the
// operator documents (error body shape and code table, extra request headers), and which of our
// checks that relaxes. Dialects are data (fixtures/dialects/<name>.json); adding an operator means
// adding a file, never code.

/** Checks a dialect may relax. Anything not listed here is checked exactly as CAMARA says. */
export const RELAXABLE_CHECKS = {
  'error-body-schema': "error responses are checked against the dialect's error body schema instead of the spec's ErrorInfo",
  'error-status-field': 'the error body has no `status` field equal to the HTTP status',
  'error-code-values': "error codes are checked against the dialect's code table (mapped from the CAMARA code or the HTTP status) instead of the CAMARA codes",
} as const;

export type RelaxableCheck = keyof typeof RELAXABLE_CHECKS;

/** A code entry of a dialect's table: the values accepted from an endpoint and the one the reference provider sends. */
export interface DialectCodeEntry {
  accept: Array<string | number>;
  send: string | number;
  /** The operator's own message for this code (sent in `messageField` by the reference provider). */
  message?: string;
  /** Extra fields the reference provider sends with this code. */
  fields?: Record<string, string | number>;
}

/**
 * Why a request is refused, finer than the CAMARA code: an operator's table may give each its own
 * code (Orange: 401 code 40 missing, 41 invalid, 42 expired credentials). Checks that know the
 * reason say it; the provider raises it.
 */
export const ERROR_REASONS = {
  'missing-credentials': 'no Authorization header',
  'invalid-credentials': 'a token nobody issued',
  'expired-credentials': 'an expired token',
  'malformed-credentials': 'an Authorization header that is not "Bearer <token>"',
  'invalid-path-parameter': 'a path parameter breaking its schema',
  'missing-body': 'no request body',
  'invalid-body': 'a request body breaking its schema',
  'invalid-query-parameter': 'a query parameter breaking its schema',
} as const;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** A code entry for one reason: the HTTP status it belongs to, and the codes it may carry. */
export interface DialectReasonEntry extends DialectCodeEntry {
  status: number;
}

/** How an extra error-body field is filled by the reference provider. */
export type DialectFill = 'camaraCode' | 'camaraMessage' | 'status' | { byStatus?: Record<string, string | number>; default: string | number };

export interface DialectErrorBody {
  /** Field holding the machine-readable code. */
  codeField: string;
  /** Field holding the human-readable message. */
  messageField: string;
  /** Field that repeats the HTTP status (CAMARA `status`); null: none. */
  statusField: string | null;
  /** JSON Schema of the operator's error body (used when `error-body-schema` is relaxed). */
  schema?: Record<string, unknown>;
  /** The operator's code table (used when `error-code-values` is relaxed). */
  codes?: {
    byCamaraCode: Record<string, DialectCodeEntry>;
    byStatus: Record<string, DialectCodeEntry>;
    /** Codes by meaning (a row of the operator's table): narrower than byCamaraCode where a check knows the reason. */
    byReason?: Partial<Record<ErrorReason, DialectReasonEntry>>;
  };
  /** Extra fields the reference provider fills when it speaks the dialect. */
  fill?: Record<string, DialectFill>;
}

export interface DialectFile {
  name: string;
  title: string;
  /** Where the operator documents what the file encodes. */
  sources: string[];
  /** QoD versions the operator documents; the built-in provider serves the dialect with these only (absent: every version). */
  versions?: string[];
  errorBody: DialectErrorBody;
  /**
   * Headers every request carries. Values: a literal, `${uuid}` (fresh per request) or
   * `${env:NAME}` (from the environment; the header is left out when unset; treated as a secret).
   */
  requestHeaders?: Record<string, string>;
  /** The checks this dialect relaxes, each with the operator documentation that justifies it. */
  relaxes: Array<{ check: RelaxableCheck; why: string }>;
  /** Anything else worth knowing (shown nowhere but kept with the data). */
  notes?: string[];
}

export interface Dialect extends DialectFile {
  /** Absolute path of the data file (cited in failures). */
  file: string;
  relaxed(check: RelaxableCheck): boolean;
}
