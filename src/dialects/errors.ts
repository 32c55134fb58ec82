// Error bodies in a dialect: how the reference provider writes one, and what a conformance check
// accepts from an endpoint that speaks the dialect. Both read the same data file.
import { randomUUID } from 'node:crypto';
import type { ApiVersion } from '../config/types.js';
import { rulesFor, translateErrorExpectation } from '../versions/rules.js';
import type { Dialect, DialectCodeEntry, ErrorReason } from './types.js';

/** An error as the provider raised it, already in the version's CAMARA terms. */
export interface CamaraError {
  status: number;
  code: string;
  message: string;
  /** Why, where the provider knows it: the dialect's row for that meaning wins. */
  reason?: ErrorReason;
}

function codeEntry(d: Dialect, status: number, code: string, reason?: ErrorReason): DialectCodeEntry | undefined {
  const codes = d.errorBody.codes;
  if (!codes) return undefined;
  const byReason = reason === undefined ? undefined : codes.byReason?.[reason];
  if (byReason && byReason.status === status) return byReason;
  return codes.byCamaraCode[code] ?? codes.byStatus[String(status)];
}

/** The error body the reference provider sends in dialect `d` (non-CAMARA dialects only). */
export function renderDialectError(d: Dialect, error: CamaraError): Record<string, unknown> {
  const b = d.errorBody;
  const entry = codeEntry(d, error.status, error.code, error.reason);
  const body: Record<string, unknown> = {};
  if (b.statusField) body[b.statusField] = error.status;
  body[b.codeField] = entry ? entry.send : error.code;
  body[b.messageField] = entry?.message ?? error.message;
  for (const [field, fill] of Object.entries(b.fill ?? {})) {
    if (fill === 'camaraCode') body[field] = error.code;
    else if (fill === 'camaraMessage') body[field] = error.message;
    else if (fill === 'status') body[field] = error.status;
    else body[field] = fill.byStatus?.[String(error.status)] ?? fill.default;
  }
  Object.assign(body, entry?.fields ?? {});
  return body;
}

export interface ErrorBodyExpectation {
  status: number | readonly number[];
  codes?: readonly string[];
  /** Why the request is refused: a dialect whose table has a row for it accepts only that row's codes. */
  reason?: ErrorReason;
}

export interface ErrorBodyProblem {
  summary: string;
  /** Which rule: 'status' (HTTP status), 'body', 'status-field', 'code', 'message'. */
  part: 'status' | 'body' | 'status-field' | 'code' | 'message';
  expected: string;
  actual: string;
}

export interface ErrorCheckPlan {
  /** HTTP statuses accepted (after translation to the version). */
  statuses: number[];
  /** Code values accepted in the dialect's code field (undefined: any). */
  codes?: Array<string | number>;
  /** What was translated, for the failure's rule text. */
  translations: string[];
}

/** What an endpoint of `version` speaking `d` must answer for an expectation written in 1.1.0 codes. */
export function planErrorCheck(version: ApiVersion, d: Dialect, exp: ErrorBodyExpectation): ErrorCheckPlan {
  const t = translateErrorExpectation(version, exp);
  if (!t.codes) return { statuses: t.status, translations: t.translations };
  if (!d.relaxed('error-code-values') || !d.errorBody.codes) return { statuses: t.status, codes: t.codes, translations: t.translations };
  const accepted = new Set<string | number>();
  const translations = [...t.translations];
  for (const code of t.codes) {
    for (const status of t.status) {
      const entry = codeEntry(d, status, code, exp.reason);
      if (!entry) continue;
      for (const v of entry.accept) accepted.add(v);
      translations.push(`${status} ${code}${exp.reason && entry === d.errorBody.codes.byReason?.[exp.reason] ? ` (${exp.reason})` : ''} → ${d.name} ${entry.accept.join('/')}`);
    }
  }
  return { statuses: t.status, codes: [...accepted], translations: [...new Set(translations)] };
}

/** The first problem of an error answer, or undefined when it is what the plan allows. */
export function checkErrorBody(version: ApiVersion, d: Dialect, plan: ErrorCheckPlan, res: { status: number; json: unknown; text: string }): ErrorBodyProblem | undefined {
  const b = d.errorBody;
  if (!plan.statuses.includes(res.status)) {
    return {
      part: 'status',
      summary: `expected HTTP ${plan.statuses.join(' or ')}, got ${res.status}`,
      expected: `HTTP ${plan.statuses.join(' or ')}`,
      actual: `HTTP ${res.status} ${truncate(res.text)}`,
    };
  }
  const body = res.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const shape =
      d.name === 'camara' ? (rulesFor(version).errorBodyHasStatus ? '{status, code, message}' : '{code, message}') : `{${[b.statusField, b.codeField, b.messageField].filter(Boolean).join(', ')}}`;
    return {
      part: 'body',
      summary: 'error response has no JSON error body',
      expected: `a ${d.name === 'camara' ? 'CAMARA' : d.title} error body ${shape}`,
      actual: truncate(res.text) || '(empty body)',
    };
  }
  if (b.statusField && rulesFor(version).errorBodyHasStatus && !d.relaxed('error-status-field') && body[b.statusField] !== res.status) {
    return {
      part: 'status-field',
      summary: `error body \`${b.statusField}\` differs from the HTTP status`,
      expected: `${b.statusField} ${res.status}`,
      actual: `${b.statusField} ${JSON.stringify(body[b.statusField])}`,
    };
  }
  const code = body[b.codeField];
  if (plan.codes && !plan.codes.some((c) => String(c) === String(code))) {
    return {
      part: 'code',
      summary: `unexpected error code ${JSON.stringify(code)}`,
      expected: `${b.codeField} ${plan.codes.map((c) => JSON.stringify(c)).join(' or ')}`,
      actual: `${b.codeField} ${JSON.stringify(code)}`,
    };
  }
  const message = body[b.messageField];
  if (typeof message !== 'string' || !message.trim()) {
    return { part: 'message', summary: 'error body has no human-readable message', expected: `a non-empty ${b.messageField}`, actual: JSON.stringify(message) };
  }
  return undefined;
}

/** Extra request headers of the dialect, with `${uuid}` and `${env:NAME}` expanded. */
export function dialectRequestHeaders(d: Dialect, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(d.requestHeaders ?? {})) {
    const envRef = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(template);
    if (envRef) {
      const value = env[envRef[1]!];
      if (value) out[name] = value;
    } else if (template === '${uuid}') {
      out[name] = randomUUID();
    } else {
      out[name] = template;
    }
  }
  return out;
}

/** `${env:NAME}` headers left out of every request because NAME is unset, e.g. "x-authorization (QOD_X_AUTHORIZATION is unset)". */
export function unsentDialectHeaders(d: Dialect, env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(d.requestHeaders ?? {}).flatMap(([name, template]) => {
    const ref = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(template)?.[1];
    return ref && !env[ref] ? [`dialect ${d.name}: header ${name} is not sent (${ref} is unset)`] : [];
  });
}

/** Values of `${env:NAME}` headers: secrets to redact. */
export function dialectSecrets(d: Dialect, env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.values(d.requestHeaders ?? {})
    .map((t) => /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(t)?.[1])
    .map((name) => (name ? env[name] : undefined))
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
