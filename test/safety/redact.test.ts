// Evidence redaction (one pass over every recorded header and body): each credential shape and
// every secret value of the run is masked, and the rest of the text is left as it was.
import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText } from '../../src/evidence/redact.js';

const SECRETS = ['tok-abc123', 'tok-abc123-longer', 'xy'];

describe('evidence redaction', () => {
  it('masks Bearer credentials, credential fields of JSON bodies, apikey parameters and the run secrets', () => {
    expect(redactText('Authorization: Bearer eyJ.abc-def', [])).toBe('Authorization: Bearer [REDACTED]');
    expect(redactText('{"sinkCredential":{"credentialType":"ACCESSTOKEN","accessToken":"s3cr\\"et","accessTokenType":"bearer"}}', [])).toBe(
      '{"sinkCredential":{"credentialType":"ACCESSTOKEN","accessToken":"[REDACTED]","accessTokenType":"bearer"}}',
    );
    expect(redactText('https://sink.example/cb?ApiKey=k-1&x=2', [])).toBe('https://sink.example/cb?ApiKey=[REDACTED]&x=2');
    expect(redactText('token tok-abc123-longer then tok-abc123.', SECRETS)).toBe('token [REDACTED] then [REDACTED].');
  });

  it('leaves text without credentials unchanged, and ignores secrets too short to be told from text', () => {
    const text = '{"device":{"phoneNumber":"+34600000001"},"qosProfile":"QOS_E","xy":1}';
    expect(redactText(text, SECRETS)).toBe(text);
  });

  it('follows a list of secrets that grows during the run (a renewed token)', () => {
    const list = ['first-secret'];
    expect(redactText('first-secret second-secret', list)).toBe('[REDACTED] second-secret');
    list.push('second-secret');
    expect(redactText('first-secret second-secret', list)).toBe('[REDACTED] [REDACTED]');
  });

  it('masks whole secret headers, keeping the scheme', () => {
    expect(redactHeaders({ Authorization: 'Bearer abc', 'X-Other': 'tok-abc123' }, SECRETS)).toEqual({ authorization: 'Bearer [REDACTED]', 'x-other': '[REDACTED]' });
  });
});
