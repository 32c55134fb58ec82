// --api-version auto: the version is told from what the endpoint answers, for every version the
// reference provider serves, in every dialect it speaks that version in: the dialect is detected too,
// and contradicting signals are refused (exit 2), never guessed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import { knownDialects, loadDialect } from '../../src/dialects/index.js';
import { UsageError } from '../../src/errors.js';
import { detectVersion, versionHintOfPath } from '../../src/versions/detect.js';
import { start, TOKENS } from './helpers.js';

/** given: false = detect the dialect; true = --dialect names the served one; a name = --dialect names that one. */
async function detect(version: ApiVersion, dialect?: string, given: boolean | string = true) {
  const p = await start(version, { dialect });
  const named = typeof given === 'string' ? given : given ? dialect : undefined;
  try {
    return await detectVersion({
      baseUrl: p.baseUrl,
      profilesUrl: version === '0.8.1' ? undefined : p.profilesUrl,
      token: TOKENS.default,
      timeoutMs: 5000,
      insecure: false,
      secrets: [TOKENS.default],
      dialect: named ? loadDialect(named) : undefined,
    });
  } finally {
    await p.close();
  }
}

describe('version detection', () => {
  it.each(API_VERSIONS.map((v) => [v]))('picks %s from the answers, not from the base path', async (version) => {
    const d = await detect(version);
    expect(d.version).toBe(version);
    expect(d.reasons.join('; ')).not.toMatch(/base path segment|assumed/);
  });

  // Every version x dialect pair the reference provider serves (a dialect's file names its versions).
  const pairs = knownDialects().flatMap((d) => ((loadDialect(d).versions as ApiVersion[] | undefined) ?? [...API_VERSIONS]).map((v) => [v, d] as const));

  it.each(pairs)('detects %s and the %s dialect without --dialect', async (version, dialect) => {
    const d = await detect(version, dialect, false);
    expect(d).toMatchObject({ version, dialect });
    expect(d.reasons.join('; ')).not.toMatch(/base path segment|assumed/);
  });

  it.each(pairs)('detects %s with --dialect %s given', async (version, dialect) => {
    expect(await detect(version, dialect, true)).toMatchObject({ version, dialect });
  });

  it('refuses, naming the shape it saw, when --dialect contradicts the error bodies', async () => {
    await expect(detect('0.10.1', 'orange', 'tmobile')).rejects.toThrow(/in the orange shape, not the tmobile one.*give --api-version .* --dialect orange/);
    await expect(detect('1.1.0', 'camara', 'orange')).rejects.toThrow(UsageError);
  });

  it('refuses when the answers disagree: a 0.8.1 error code next to a QoS profile list', async () => {
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url?.endsWith('/qos-profiles')) return send(200, []);
      if (req.url?.endsWith('/sessions') && req.method === 'POST') return send(400, { code: 'INVALID_INPUT', message: 'bad' });
      return send(404, { status: 404, code: 'NOT_FOUND', message: 'no' });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await detectVersion({ baseUrl: `http://127.0.0.1:${port}/qod/v0`, token: 't', timeoutMs: 5000, insecure: false, secrets: ['t'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      const line = (error as Error).message;
      expect(line).toMatch(/signals disagree/);
      expect(line).toMatch(/INVALID_INPUT/);
      // The 404 body carries status (not 0.8.1), INVALID_INPUT is 0.8.1's: what remains is 0.10.1.
      expect(line).toMatch(/error body with status 404/);
      expect(line).toMatch(/give --api-version 0\.10\.1 /);
      expect(line).not.toContain('\n');
    } finally {
      server.close();
    }
  });

  it('takes a base path /quality-on-demand/vN as a filter: it rules out 0.8.1 and 0.10.1', async () => {
    // Answers like a 0.10.1 endpoint (no retrieve-sessions, INVALID_ARGUMENT, a QoS profile list).
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url?.endsWith('/qos-profiles')) return send(200, []);
      if (req.url?.endsWith('/sessions') && req.method === 'POST') return send(400, { status: 400, code: 'INVALID_ARGUMENT', message: 'bad' });
      return send(404, { status: 404, code: 'NOT_FOUND', message: 'no' });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const at = (path: string) => detectVersion({ baseUrl: `http://127.0.0.1:${port}${path}`, token: 't', timeoutMs: 5000, insecure: false, secrets: ['t'] });
      expect((await at('/qod/v0')).version).toBe('0.10.1');
      const error = await at('/quality-on-demand/v1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/base path \/quality-on-demand\/vN.*signals disagree|signals disagree.*base path \/quality-on-demand\/vN/);
    } finally {
      server.close();
    }
  });

  it('reads the base path segment only as a hint', () => {
    expect(versionHintOfPath('https://x.example/qod/v0')?.versions).toEqual(['0.8.1', '0.10.1']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v0.11/')?.versions).toEqual(['0.11.1']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v1')?.versions).toEqual(['1.0.0', '1.1.0']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v1rc3')?.versions).toEqual(['1.2.0-rc.3']);
    expect(versionHintOfPath('https://x.example/camara/qod')).toBeUndefined();
  });
});
