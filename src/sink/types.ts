// Shared by the sink server (CLI process) and its client (vitest workers).
import type { SinkRecord } from '../evidence/types.js';

/** Reserved path prefix of the control API; requests under it are never recorded. */
export const CONTROL_PREFIX = '/_qod-sink';
/** Header carrying the control token. */
export const CONTROL_TOKEN_HEADER = 'x-qod-sink-token';
/** Default cap on a recorded callback body. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** What the sink stores per request: a SinkRecord plus how its body was received. */
export interface ReceivedRecord extends SinkRecord {
  /** Body exceeded the cap: `body` holds the first maxBodyBytes and the answer was 413. */
  truncated?: true;
  /** The sender hung up before the body was complete; no answer was sent. */
  aborted?: true;
}
