// Runs small fake conformance suites through a real vitest instance with our reporters, so the
// reporter tests see exactly what the CLI will produce.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import { createReporters } from '../../reporters/index.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { redactConfig } from '../../src/report/run-record.js';
import type { RunConfig } from '../../src/config/types.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Distinctive secret values: none may appear in any artifact. */
export const SECRETS = {
  token: 'tok-SECRET-7f3a9c1e55',
  control: 'ctl-SECRET-51b2aa90d3',
  client: 'cli-SECRET-e0c4d8a612',
  sinkAccess: 'snk-SECRET-33f0b7e2c9',
} as const;
export const SECRET_VALUES: string[] = Object.values(SECRETS);

const FAILURE_TS = join(REPO, 'src/checks/failure.ts');

/** A passing test with evidence, an advisory and a note on the standard. */
export const PASSING_SUITE = `
import { test } from 'vitest';
const exchange = (seq, status, body) => JSON.stringify({
  seq, startedAt: '2025-01-01T00:00:00.000Z', durationMs: 12, operationId: 'createSession',
  request: { method: 'POST', url: 'https://qod.example/quality-on-demand/v1/sessions',
    headers: { authorization: 'Bearer ${SECRETS.token}', 'content-type': 'application/json' },
    body: JSON.stringify({ qosProfile: 'QOS_E', sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: '${SECRETS.sinkAccess}' } }) },
  response: { status, headers: { 'content-type': 'application/json' }, body },
  curl: "curl -X POST 'https://qod.example/quality-on-demand/v1/sessions' -H 'Authorization: Bearer $TOKEN'",
});
test('quality_on_demand_createSession_401.1_no_authorization_header — no token, no session',
  { meta: { qod: { area: 'auth', operation: 'createSession', scenarioId: 'quality_on_demand_createSession_401.1_no_authorization_header', rule: 'QoD 1.1.0 createSession responses.401' } } },
  async ({ annotate }) => {
    await annotate('POST /sessions', 'qod:exchange', { contentType: 'application/json', body: exchange(1, 401, '{"status":401,"code":"UNAUTHENTICATED","message":"no token"}') });
    await annotate('x-correlator not echoed', 'qod:advisory', { contentType: 'application/json', bodyEncoding: 'utf-8',
      body: JSON.stringify({ title: 'x-correlator not echoed on 401', whyItMatters: 'clients cannot correlate errors', detail: 'sent <script>alert("x")</script>, got none' }) });
    await annotate('Accepted DURATION_OUT_OF_RANGE as well as INVALID_ARGUMENT (conflict 2)', 'qod:standard-note');
  });
test('profiles are listed',
  { meta: { qod: { area: 'profiles', operation: 'retrieveQoSProfiles', rule: 'QoS Profiles 1.1.0 retrieveQoSProfiles 200' } } },
  () => {});
`;

/** An endpoint failure with evidence and skips of every kind (no tool error). */
export const FAILING_SUITE = `
import { test } from 'vitest';
import { ConformanceFailure } from ${JSON.stringify(FAILURE_TS)};
const meta = (area, operation, rule, scenarioId) => ({ meta: { qod: { area, operation, rule, ...(scenarioId ? { scenarioId } : {}) } } });
test('quality_on_demand_createSession_400.9_invalid_duration — duration outside the profile limits',
  meta('duration', 'createSession', 'QoD 1.1.0 createSession duration', 'quality_on_demand_createSession_400.9_invalid_duration'),
  async ({ annotate }) => {
    await annotate('POST /sessions', 'qod:exchange', { contentType: 'application/json', body: JSON.stringify({
      seq: 7, startedAt: '2025-01-01T00:00:01.000Z', durationMs: 30, operationId: 'createSession',
      request: { method: 'POST', url: 'https://qod.example/quality-on-demand/v1/sessions',
        headers: { Authorization: 'Bearer ${SECRETS.token}', 'x-correlator': 'corr-TRANSCRIPT-MARKER' },
        body: '{"duration":999999,"qosProfile":"QOS_E"}' },
      response: { status: 201, headers: { 'content-type': 'application/json' }, body: '{"sessionId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","duration":999999,"note":"${SECRETS.client}"}' },
      curl: "curl -X POST 'https://qod.example/quality-on-demand/v1/sessions' -H 'Authorization: Bearer $TOKEN' -d '{\\"duration\\":999999}'",
    }) });
    // A long response body (a list of 60 profiles): folded in the HTML report, its curl line still shown.
    await annotate('GET /qos-profiles', 'qod:exchange', { contentType: 'application/json', body: JSON.stringify({
      seq: 8, startedAt: '2025-01-01T00:00:02.000Z', durationMs: 9, operationId: 'retrieveQoSProfiles',
      request: { method: 'POST', url: 'https://qod.example/qos-profiles/v1/retrieve-qos-profiles', headers: {}, body: '{}' },
      response: { status: 200, headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 60 }, (_, i) => 'QOS_LONG_BODY_' + i)) },
      curl: "curl -X POST 'https://qod.example/qos-profiles/v1/retrieve-qos-profiles' -d '{}' # LONG-BODY-CURL",
    }) });
    await annotate('shrunk to duration=86401 (seed 42, path 0:1)', 'qod:counterexample', { contentType: 'application/json', bodyEncoding: 'utf-8', body: '{"duration":86401}' });
    throw new ConformanceFailure('duration beyond maxDuration was accepted', {
      rule: 'QoD 1.1.0 createSession responses.400 (duration outside limits)',
      expected: '400 INVALID_ARGUMENT or QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      actual: '201 Created (token ${SECRETS.token})',
    });
  });
test('quality_on_demand_createSession_401.2_expired_access_token — expired token refused',
  meta('auth', 'createSession', 'QoD 1.1.0 createSession 401', 'quality_on_demand_createSession_401.2_expired_access_token'),
  ({ skip }) => skip('needs operator data: tokens.expired'));
test('ports are checked', meta('ports', 'createSession', 'QoD 1.1.0 PortsSpec'), ({ skip }) => skip('not selected: --skip ports'));
test('0.10.1 only', meta('headers', 'createSession', 'x'), ({ skip }) => skip('not applicable to 1.1.0'));
`;

/** A bug in our tool (TypeError inside a test) and a setup hook that breaks. */
export const HARNESS_ERROR_SUITE = `
import { beforeAll, describe, test } from 'vitest';
test('validation of applicationServer', { meta: { qod: { area: 'validation', operation: 'createSession', rule: 'QoD 1.1.0 ApplicationServer' } } }, () => {
  const config = undefined;
  return config.applicationServer.ipv4Address;
});
describe('callbacks', () => {
  beforeAll(() => { throw new Error('sink did not start (${SECRETS.control})'); });
  test('event arrives', { meta: { qod: { area: 'notifications', operation: 'createSession', rule: 'r' } } }, () => {});
});
`;

/** Passes, but a check could not run for lack of operator data. */
export const INCOMPLETE_SUITE = `
import { test } from 'vitest';
test('lifecycle works', { meta: { qod: { area: 'lifecycle', operation: 'createSession', rule: 'r' } } }, () => {});
test('expired token', { meta: { qod: { area: 'auth', operation: 'getSession', rule: 'r' } } }, ({ skip }) => skip('needs operator data: tokens.expired'));
`;

export function runRecordFor(reportDir: string): RunRecord {
  const config = {
    toolVersion: '0.1.0',
    api: 'quality-on-demand',
    apiVersion: '1.1.0',
    dialect: 'camara',
    baseUrl: 'https://qod.example/quality-on-demand/v1',
    profilesUrl: 'https://qod.example/qos-profiles/v1',
    embedded: false,
    specFiles: ['/specs/1.1.0/quality-on-demand.yaml'],
    operator: { tokens: { default: SECRETS.token }, devices: {}, qosProfiles: { valid: 'QOS_E' } },
    sink: { publicUrl: 'https://sink.example', controlUrl: 'http://127.0.0.1:9', controlToken: SECRETS.control, http: false },
    seed: 42,
    runs: 25,
    timeoutMs: 10_000,
    notificationTimeoutMs: 30_000,
    concurrency: 1,
    workers: 1,
    maxRps: 5,
    maxSessions: 3,
    propertySessions: 5,
    insecure: false,
    verbose: false,
    profile: 'full',
    areas: ['lifecycle'],
    checks: [],
    reportDir,
    ledgerFile: join(reportDir, 'ledger.jsonl'),
    secrets: SECRET_VALUES,
    clientSecret: SECRETS.client,
  } as RunConfig;
  return {
    tool: { name: 'qod-conformance', version: '0.1.0' },
    apiVersion: '1.1.0',
    dialect: 'camara',
    endpoint: { baseUrl: config.baseUrl, profilesUrl: config.profilesUrl, embedded: false },
    specFiles: [{ path: 'specs/1.1.0/quality-on-demand.yaml', sha256: 'a'.repeat(64) }],
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '',
    seed: 42,
    runs: 25,
    config: redactConfig(config),
    sessions: { created: 2, deleted: 2 },
  };
}

export interface FakeRun {
  dir: string;
  reportDir: string;
  terminal: string;
}

/** Writes the given suites to a fresh folder under .tmp/ (inside the repo, so the suites resolve
 *  `vitest`) and runs them with all our reporters. `name` gives a stable folder to look at later. */
export async function runFakeSuites(suites: Record<string, string>, name?: string): Promise<FakeRun> {
  const tmpRoot = join(REPO, '.tmp');
  mkdirSync(tmpRoot, { recursive: true });
  let dir: string;
  if (name) {
    dir = join(tmpRoot, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  } else dir = mkdtempSync(join(tmpRoot, 'reporters-'));
  for (const [name, source] of Object.entries(suites)) writeFileSync(join(dir, name), source);
  const reportDir = join(dir, 'report');
  let terminal = '';
  const reporters = createReporters({
    reportDir,
    getRunRecord: () => runRecordFor(reportDir),
    secrets: SECRET_VALUES,
    write: (text) => {
      terminal += text;
    },
    colour: false,
    live: false,
  });
  const vitest = await createVitest('test', {
    root: dir,
    config: false,
    include: Object.keys(suites),
    reporters,
    watch: false,
  });
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  return { dir, reportDir, terminal };
}

export function removeFakeRun(run: FakeRun | undefined): void {
  if (run) rmSync(run.dir, { recursive: true, force: true });
}
