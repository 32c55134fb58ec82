// No secret ever reaches an artifact: a full run against the reference provider, every credential
// a distinctive value (tokens from the config file, --client-secret, the sink credentials the
// notification checks send, every token the token endpoint issued), then every file in the report
// directory (the ledger included), stdout and stderr are searched for each of them.
// The provider's tokens live 2 s, so the same run proves that the token is renewed before expiry:
// every check passes although the run lasts many token lifetimes.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type ProviderFixtures, type RunningProvider } from '../../src/provider/index.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { startRecordingProxy } from '../support/hostile-server.js';
import { allFiles, embeddedFixture, readReport, writeOperatorConfig, type EmbeddedFixture } from './helpers.js';

const distinctive = (label: string) => `qodsecret-${label}-${randomBytes(10).toString('hex')}`;

const fixture: EmbeddedFixture = embeddedFixture();
/** role -> distinctive token, replacing the fixture's public ones everywhere. */
const tokens: Record<string, string> = {};
for (const [role, old] of Object.entries(fixture.tokens)) {
  tokens[role] = distinctive(`token-${role}`);
  const record = fixture.provider.tokens[old];
  delete fixture.provider.tokens[old];
  fixture.provider.tokens[tokens[role]!] = record;
  fixture.tokens[role] = tokens[role]!;
}
const client = fixture.provider.clients[0]!;
for (const c of fixture.provider.clients) c.clientSecret = distinctive(`client-secret-${c.clientId}`);

const sinkCredentials = new Set<string>();
const issuedTokens = new Set<string>();
let provider: RunningProvider;
let proxy: { origin: string; close(): Promise<void> };
let dir: string;
let run: CliResult;

beforeAll(async () => {
  provider = await startProvider({ fixtures: fixture as unknown as ProviderFixtures, tokenLifetimeS: 2, insecureSinkTls: true });
  proxy = await startRecordingProxy(provider.url, (ex) => {
    for (const m of ex.requestBody.matchAll(/"(?:accessToken|notificationAuthToken)"\s*:\s*"([^"]+)"/g)) sinkCredentials.add(m[1]!);
    if (ex.path.startsWith('/oauth/token') && ex.status === 200) issuedTokens.add((JSON.parse(ex.responseBody) as { access_token: string }).access_token);
  });
  dir = tempDir('qod-secrets-');
  const config = writeOperatorConfig(tempDir('qod-secrets-config-'), fixture);
  run = await runCli(
    [
      '--base-url',
      `${proxy.origin}/quality-on-demand/v1`,
      '--token-url',
      `${proxy.origin}/oauth/token`,
      '--client-id',
      client.clientId,
      '--client-secret',
      client.clientSecret,
      '--config',
      config,
      '--report-dir',
      dir,
    ],
    { timeoutMs: 170_000 },
  );
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await provider?.close();
});

describe('secrets and token renewal in a full run', () => {
  it('the full run passes: every request was authenticated although each token lived 2 s', () => {
    expect(run.code, run.stderr).toBe(0);
    const report = readReport(dir);
    const spanS = (Date.parse(report.run.endedAt) - Date.parse(report.run.startedAt)) / 1000;
    expect(spanS).toBeGreaterThan(6);
    // One token at the start, then a new one whenever the current one was half-way to expiry.
    expect(issuedTokens.size).toBeGreaterThanOrEqual(3);
    expect(sinkCredentials.size).toBeGreaterThan(0);
    expect(provider.liveSessionCount()).toBe(0);
  });

  it("the report folder holds the reports and the ledger, none of the tool's caches", () => {
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('no configured, issued or sink secret appears in any artifact, stdout or stderr', () => {
    const secrets = new Map<string, string>();
    for (const [role, t] of Object.entries(tokens)) secrets.set(`tokens.${role} (config file)`, t);
    for (const c of fixture.provider.clients) {
      secrets.set(`client secret of ${c.clientId}`, c.clientSecret);
      secrets.set(`Basic credentials of ${c.clientId}`, Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64'));
    }
    for (const t of issuedTokens) secrets.set('a token from the token endpoint', t);
    for (const t of sinkCredentials) secrets.set('a sinkCredential access token', t);

    const places: Array<[string, string]> = [['stdout', run.stdout], ['stderr', run.stderr], ...allFiles(dir).map((f): [string, string] => [f, readFileSync(f, 'latin1')])];
    expect(places.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const [where, text] of places) for (const [what, value] of secrets) if (text.includes(value)) leaks.push(`${what} in ${where}`);
    expect(leaks).toEqual([]);
  });
});
