// Secrets never reach evidence: every recorded header and body passes through here. This runs on
// every request, so the secrets are folded into one cached regular expression.
import { escapeRegExp } from '../util/regexp.js';

export const REDACTED = '[REDACTED]';
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-authorization', 'cookie', 'set-cookie', 'x-qod-sink-token']);
const BEARER = '(Bearer\\s+)[A-Za-z0-9._~+/=-]+';

let cachedKey: string | undefined;
let cachedPattern: RegExp | undefined;

function patternFor(secrets: readonly string[]): RegExp {
  const usable = secrets.filter((s) => s && s.length >= 4);
  const key = usable.join('\u0000');
  if (key !== cachedKey || !cachedPattern) {
    // Longest first, so a secret that contains another is replaced whole.
    const alternatives = [...usable].sort((a, b) => b.length - a.length).map(escapeRegExp);
    cachedPattern = new RegExp([BEARER, ...alternatives].join('|'), 'g');
    cachedKey = key;
  }
  cachedPattern.lastIndex = 0;
  return cachedPattern;
}


// Credentials a test itself puts into a body (sink credentials, webhook tokens) are secrets too.
const CREDENTIAL_FIELD = /("(?:accessToken|refreshToken|notificationAuthToken|access_token|refresh_token|client_secret|clientSecret|password|secret)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

export function redactText(text: string, secrets: readonly string[]): string {
  return text
    .replace(patternFor(secrets), (_match, bearer: string | undefined) => (bearer ? `${bearer}${REDACTED}` : REDACTED))
    .replace(CREDENTIAL_FIELD, `$1${REDACTED}$3`)
    .replace(/([?&]apikey=)[^&\s"']+/gi, `$1${REDACTED}`);
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
