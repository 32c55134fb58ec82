// A bearer token travels in an HTTP header, which carries visible ASCII only. A token pasted with a
// trailing newline or a mangled character is the user's to fix: said here, before any request,
// instead of as an unreachable endpoint (the HTTP client refuses the header) or refused credentials.
import { UsageError } from '../errors.js';

/** Throws a usage error when `token` has a character no header can carry; `what` names its source. */
export function checkTokenText(token: string, what: string): void {
  const chars = [...token];
  const bad = chars.findIndex((ch) => ch < '!' || ch > '~');
  if (bad < 0) return;
  const ch = chars[bad]!;
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/\s/.test(ch)) {
    const trailing = chars.slice(bad).every((c) => /\s/.test(c));
    const kind = ch === '\n' || ch === '\r' ? 'a line break' : `white space (${code})`;
    throw new UsageError(
      `${what} ${trailing ? 'ends with' : `has at character ${bad + 1}`} ${kind}, which no HTTP header can carry: strip it (e.g. "$(cat file)"), or give the file with --token-file, which trims it`,
    );
  }
  throw new UsageError(
    `${what} has a character that is not ASCII at character ${bad + 1} (${code}), which no HTTP header can carry: copy the token again (an editor may have turned a quote or dash into a typographic one)`,
  );
}
