// A mutation check that fails says how each refused-or-not request was answered: "8 of 8 not refused
// with 400" was wrong when they were refused with 400 and another code (issue 28).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/http/client.js';
import { loadDialect } from '../../src/dialects/index.js';
import { describeAnswers } from '../../src/suite/property-cases.js';
import { runCli, tempDir } from '../support/cli.js';

const answer = (status: number, body?: unknown) => ({ status, json: body }) as unknown as ApiResponse;

describe('how the mutated requests were answered', () => {
  it('groups the answers by status and code, most frequent first', () => {
    const q = { dialect: loadDialect('camara') };
    expect(describeAnswers(q, [answer(201, {}), answer(400, { code: 'OUT_OF_RANGE' }), answer(201), answer(400, { code: 'OUT_OF_RANGE' }), answer(201)])).toBe(
      '3 answered HTTP 201, 2 HTTP 400 with code "OUT_OF_RANGE"',
    );
    expect(describeAnswers({ dialect: loadDialect('orange') }, [answer(400, { code: 22, message: 'Invalid body' })])).toBe('1 answered HTTP 400 with code 22');
  });

  it('a check whose mutations were refused with 400 and the wrong code says so, not "not refused with 400"', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const r = await runCli(['--fault', 'error-code-lowercase', '--suite', 'violations', '--report-dir', dir]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { tests: Array<{ checkId?: string; state: string; failure?: { message: string } }> };
    const required = report.tests.find((t) => t.state === 'failed' && t.checkId === 'createSession.schema-violation.required');
    expect(required?.failure?.message).toMatch(/^\d+ of \d+ createSession bodies breaking `required` were not refused as the spec requires \(\d+ answered HTTP 400 with code "invalid_argument"\)/);
    for (const t of report.tests) expect(t.failure?.message ?? '').not.toContain('not refused with 400');
  });
});
