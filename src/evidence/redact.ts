// Secrets never reach evidence: every recorded header and body passes through here. This runs on
// every request, so the secrets and the credential shapes are folded into one cached expression.
import { escapeRegExp } from '../util/regexp.js';

export const REDACTED = '[REDACTED]';
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-authorization', 'cookie', 'set-cookie', 'x-qod-sink-token']);
// Everything redacted in one pass (this runs on every header and body of every request): a Bearer
// credential, a credential field of a JSON body (sink credentials, webhook tokens a test puts in a
// body), an apikey query parameter (0.8.1 notifications), and the run's secret values.
// Groups: 1 "Bearer ", 2/3 a credential field's opening and closing quote, 4 "?apikey=".
const CREDENTIAL_FIELDS = 'accessToken|refreshToken|notificationAuthToken|access_token|refresh_token|client_secret|clientSecret|password|secret';
const FIXED = ['(Bearer\\s+)[A-Za-z0-9._~+/=-]+', `("(?:${CREDENTIAL_FIELDS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, '([?&][Aa][Pp][Ii][Kk][Ee][Yy]=)[^&\\s"\']+'];

let cached: { list: readonly string[]; length: number; key: string; pattern: RegExp } | undefined;

function patternFor(secrets: readonly string[]): RegExp {
  // The run's list only grows (renewed tokens are pushed): same array and length = same pattern.
  if (cached && cached.list === secrets && cached.length === secrets.length) return cached.pattern;
  const usable = secrets.filter((s) => s && s.length >= 4);
  const key = usable.join('\u0000');
  if (cached?.key !== key) {
    // Longest first, so a secret that contains another is replaced whole.
    const alternatives = [...usable].sort((a, b) => b.length - a.length).map(escapeRegExp);
    cached = { list: secrets, length: secrets.length, key, pattern: new RegExp([...FIXED, ...alternatives].join('|'), 'g') };
  } else {
    cached = { ...cached, list: secrets, length: secrets.length };
  }
  return cached.pattern;
}

export function redactText(text: string, secrets: readonly string[]): string {
  return text.replace(patternFor(secrets), (_match, bearer?: string, fieldOpen?: string, fieldClose?: string, apikey?: string) => {
    if (bearer) return `${bearer}${REDACTED}`;
    if (fieldOpen) return `${fieldOpen}${REDACTED}${fieldClose ?? ''}`;
    if (apikey) return `${apikey}${REDACTED}`;
    return REDACTED;
  });
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      out[lower] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[lower] = redactText(value, secrets);
    }
  }
  return out;
}
