// What was run, against what, with which inputs: the header of every report. Also the redaction
// every writer applies to its whole output as a last line of defence against leaking secrets.
import { escapeRegExp } from '../util/regexp.js';
import type { ApiId, RunConfig } from '../config/types.js';

/** What reports call the run's target: the API and its version. */
export function targetLabel(run: Pick<RunRecord, 'apiLabel' | 'apiVersion'>): string {
  return run.apiLabel ?? `QoD ${run.apiVersion}`;
}

/** The API a run record certified (records before QoS Provisioning: QoD). */
export function apiOfRecord(run: Pick<RunRecord, 'api'>): ApiId {
  return run.api === 'qos-provisioning' ? 'qos-provisioning' : 'quality-on-demand';
}

export interface RunRecord {
  tool: { name: string; version: string };
  /** The API certified (absent in records before QoS Provisioning: QoD). */
  api?: string;
  /** What reports call the target, e.g. "QoS Provisioning 0.3.0" (absent: "QoD <apiVersion>"). */
  apiLabel?: string;
  /** The spec bundle, named by its QoD release. */
  apiVersion: string;
  dialect: string;
  endpoint: {
    baseUrl: string;
    profilesUrl?: string;
    /** true when the run targeted the built-in reference provider. */
    embedded: boolean;
    /** Faults injected into the reference provider (self-test runs). */
    faults?: string[];
    /** Conforming variants the reference provider ran with (variant self-test runs), as given. */
    variants?: string[];
  };
  specFiles: Array<{ path: string; sha256: string }>;
  startedAt: string;
  /** ISO time; reporters fill it in when the CLI left it empty. */
  endedAt: string;
  seed: number;
  runs: number;
  /** Sessions one property check's generated cases may create (absent when no property runs). */
  propertySessions?: number;
  /** The run configuration after redactConfig. */
  config: object;
  /** Sessions this run created and deleted (the cleanup guarantee); undefined when unknown. */
  sessions: { created: number; deleted: number } | undefined;
  container?: { image: string; logs?: string };
  /** Checks the operator dialect relaxes (empty for camara), each with what it means and why. */
  dialectRelaxations?: Array<{ check: string; meaning: string; why: string }>;
  /** What the preflight found before any check, one line each (a test device already busy, a dialect header left out). */
  preflightNotes?: string[];
  /** Requests sent to the endpoint in the whole run, every attempt: checks, preflight, detection,
   *  shared sessions, cleanups, the exit sweep, retries (absent when not counted). */
  requestsSent?: number;
  /** How `--api-version auto` chose the version (absent when the version was named). */
  apiVersionDetection?: { version: string; reasons: string[] };
}

export const REDACTED = '[REDACTED]';

/** Keys whose whole value is secret wherever they appear in the configuration. */
const SECRET_KEY = /secret|token|password|passwd|credential|api[-_]?key|authori[sz]ation|cookie|private[-_]?key/i;

/** A copy of the configuration safe to publish: secrets masked (their presence stays visible),
 *  the secrets list dropped, and the sink's certificate shortened. */
export function redactConfig(config: RunConfig): object {
  const { secrets, ...rest } = config;
  const masked = maskSecretKeys(rest) as Record<string, unknown>;
  const sink = masked.sink as Record<string, unknown> | undefined;
  if (sink && typeof sink.caCertPem === 'string') sink.caCertPem = `(PEM certificate, ${sink.caCertPem.length} characters)`;
  return redactDeep(masked, secrets ?? []) as object;
}

function maskSecretKeys(value: unknown, underSecretKey = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecretKeys(v, underSecretKey));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, maskSecretKeys(v, underSecretKey || SECRET_KEY.test(key))]));
  }
  if (underSecretKey && typeof value === 'string' && value !== '') return REDACTED;
  return value;
}

/** A word every credential form of redactText contains (Bearer, Basic after authorization, the JSON fields). */
const CREDENTIAL_WORD = /bearer|authorization|token|secret|password/i;

// Placeholders the suites put in curl lines on purpose; masking them would break copy-paste.
const PLACEHOLDER = /^(\$\{?[A-Z_][A-Z0-9_]*\}?|\[REDACTED\])$/;

/** Replaces every secret value (also JSON-, URL- and HTML-escaped), every Bearer credential and
 *  the values of well-known credential fields by [REDACTED]. */
export function redactText(text: string, secrets: ReadonlyArray<string>): string {
  const pattern = secretPattern(secrets);
  let out = pattern ? text.replace(pattern, REDACTED) : text;
  // Each credential form below names its keyword; most strings of a report have none (one test of
  // them instead of three scans per string).
  if (!CREDENTIAL_WORD.test(out)) return out;
  // "&" ends the value too, so an HTML-escaped quote after a placeholder does not hide it.
  // A plain word after "bearer" (prose such as a test name) is not a credential: tokens carry
  // digits or token punctuation, or are long.
  out = out.replace(/(\bBearer\s+)([^\s"'<>\\,;&]+)/gi, (match, prefix: string, value: string) => (PLACEHOLDER.test(value) || !looksLikeToken(value) ? match : `${prefix}${REDACTED}`));
  out = out.replace(/(authorization["']?\s*[:=]\s*["']?Basic\s+)([A-Za-z0-9+/=._-]+)/gi, `$1${REDACTED}`);
  out = out.replace(
    /((?:\\?")(?:accessToken|access_token|refreshToken|refresh_token|notificationAuthToken|client_secret|clientSecret|password)\\?"\s*:\s*\\?")((?:[^"\\]|\\[^"])+)(\\?")/g,
    (match, open: string, value: string, close: string) => (PLACEHOLDER.test(value) ? match : `${open}${REDACTED}${close}`),
  );
  return out;
}

function looksLikeToken(value: string): boolean {
  return value.length >= 20 || /[0-9._~+/=-]/.test(value);
}

// Reports redact every string they hold (thousands per run): the variants of the run's secrets are
// folded once into one alternation, rebuilt only when the list changes (renewed tokens join it).
let cached: { key: string; pattern: RegExp | undefined } | undefined;

function secretPattern(secrets: ReadonlyArray<string>): RegExp | undefined {
  const key = secrets.join('\u0000');
  if (cached?.key !== key) {
    const variants = secretVariants(secrets);
    cached = { key, pattern: variants.length ? new RegExp(variants.map(escapeRegExp).join('|'), 'g') : undefined };
  }
  return cached.pattern;
}

function secretVariants(secrets: ReadonlyArray<string>): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(JSON.stringify(secret).slice(1, -1));
    variants.add(encodeURIComponent(secret));
    variants.add(escapeMarkup(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...variants].filter((v) => v !== '').sort((a, b) => b.length - a.length);
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** redactText applied to every string inside a plain-data value (keys included). */
export function redactDeep<T>(value: T, secrets: ReadonlyArray<string>): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: ReadonlyArray<string>): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, secrets), walk(v, secrets)]));
  }
  return value;
}
