// The services of one run and its configuration: spec, webhook sink, the implementation under test
// (embedded reference provider or container), token, coordinator, preflight. Used by the CLI's run
// (run.ts) and by the self-tests' batches of runs (batch.ts); teardowns go to the caller's list.
import type { RunPlan } from '../config/plan.js';
import { containerSecrets, startContainer } from '../container/index.js';
import type { ApiVersion, RunConfig } from '../config/types.js';
import { startCoordinator } from '../coordination/service.js';
import { startProvider } from '../provider/index.js';
import { deviceCount, lendable } from '../suite/devices.js';
import { redactConfig, type RunRecord } from '../report/run-record.js';
import { readLedger, summarize } from '../safety/ledger.js';
import { describeRelaxations, dialectSecrets, type Dialect } from '../dialects/index.js';
import { deriveProfilesUrl, NO_PROFILES_API } from '../config/plan.js';
import { startTokenService, TokenRefresher } from '../safety/token-service.js';
import { startSink } from '../sink/server.js';
import { cachedSpec } from '../spec/cache.js';
import { manifestFor } from '../spec/manifest.js';
import { APIS, apiLabel } from '../config/apis.js';
import { toolVersion } from '../util/package-root.js';
import { wireRequestCount } from '../http/client.js';
import { UsageError } from '../errors.js';
import { preflight } from './preflight.js';
import { busyTestDevices } from './device-preflight.js';
import { sweepLedger, type SweepResult } from './sweep.js';
import type { Teardowns } from './tasks.js';
import { fetchClientCredentialsToken } from './token.js';

export interface RunContext {
  apiVersion: ApiVersion;
  dialect: Dialect;
  /** How --api-version auto chose the version, for the run record. */
  detection?: RunRecord['apiVersionDetection'];
  startedAt: string;
  ledgerFile: string;
  teardowns: Teardowns;
  /** Aborts a container start (Ctrl-C). */
  signal: AbortSignal;
  io: { stderr: (line: string) => void };
  /** Lines for the run record's preflight notes said before the run (e.g. dialect headers left out). */
  notes?: string[];
}

export interface PreparedRun {
  config: RunConfig;
  getRunRecord: () => RunRecord;
  /** Deletes every session of the ledger still alive (the exit sweep). */
  sweep: () => Promise<SweepResult>;
  /** The run's secrets; tokens renewed later join this same array. */
  secretList: string[];
}

export async function prepareRun(plan: RunPlan, run: RunContext): Promise<PreparedRun> {
  const { apiVersion, dialect, startedAt, ledgerFile, teardowns, io } = run;
  const spec = await cachedSpec({ version: apiVersion, files: plan.specFiles.length ? plan.specFiles : undefined });

  const sink = await startSink({ host: plan.sink.host, port: plan.sink.port, publicUrl: plan.sink.publicUrl, http: plan.sink.http });
  teardowns.add('webhook sink', () => sink.close());

  let baseUrl: string;
  let profilesUrl: string | undefined;
  let profilesUrlMissingReason: string | undefined;
  let token = plan.auth.token ?? plan.operator.tokens.default;
  const secrets = new Set<string>();
  // Client-credentials tokens expire: renewed shortly before, for this process and the workers.
  let refresher: TokenRefresher | undefined;
  let onRenewed = (t: string) => void secrets.add(t);

  // --image: the implementation under test runs from its container image for this run.
  const containerPlan = plan.target.embedded ? undefined : plan.target.container;
  if (containerPlan) for (const s of containerSecrets(containerPlan)) secrets.add(s);
  const container = containerPlan ? await startContainer(containerPlan, { signal: run.signal, secrets: Object.values(plan.operator.tokens).filter((t): t is string => !!t) }) : undefined;
  if (container) teardowns.add('container', () => container.stop());

  if (plan.target.embedded) {
    const provider = await startProvider({
      apiVersion,
      faults: plan.target.faults,
      variants: plan.target.variants,
      sinkCa: sink.caCertPem,
      specFiles: plan.specFiles.length ? plan.specFiles : undefined,
      spec,
      dialect: dialect.name,
    });
    teardowns.add('reference provider', () => provider.close());
    // The API under test: QoD, or another API of the bundle the provider serves beside it.
    const basePath = plan.api === 'quality-on-demand' ? undefined : manifestFor(apiVersion).basePaths[APIS[plan.api].baseKind];
    baseUrl = basePath ? provider.url + basePath : provider.baseUrl;
    // 0.8.1 has no QoS Profiles API: say so rather than point at the sessions base.
    const derived = deriveProfilesUrl(baseUrl, apiVersion, plan.api);
    profilesUrl = derived.url === undefined ? undefined : provider.profilesUrl;
    profilesUrlMissingReason = derived.reason;
    for (const c of provider.fixtures.provider.clients) secrets.add(c.clientSecret);
    // The embedded run takes its token through the real client-credentials endpoint.
    if (!plan.auth.token) {
      const client = provider.fixtures.provider.clients[0]!;
      const cc = { tokenUrl: provider.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret };
      refresher = new TokenRefresher(
        () => fetchClientCredentialsToken(cc, plan.timeoutMs),
        (t) => onRenewed(t),
      );
      token = (await refresher.current()).accessToken;
    }
  } else {
    baseUrl = plan.target.baseUrl;
    profilesUrl = plan.target.profilesUrl;
    profilesUrlMissingReason = plan.target.profilesUrlMissingReason;

    if (plan.auth.tokenUrl) {
      const cc = { tokenUrl: plan.auth.tokenUrl, clientId: plan.auth.clientId!, clientSecret: plan.auth.clientSecret!, scope: plan.auth.scope };
      refresher = new TokenRefresher(
        () => fetchClientCredentialsToken(cc, plan.timeoutMs),
        (t) => onRenewed(t),
      );
      token = (await refresher.current()).accessToken;
    }
  }

  for (const t of Object.values(plan.operator.tokens)) if (t) secrets.add(t);
  for (const s of [token, plan.auth.token, plan.auth.clientSecret, sink.controlToken, ...dialectSecrets(dialect)]) if (s) secrets.add(s);
  const tokenService = refresher?.peek()?.expiresAt !== undefined ? await startTokenService(refresher!) : undefined;
  if (tokenService) {
    teardowns.add('token service', () => tokenService.close());
    secrets.add(tokenService.access.secret);
  }
  const coordinator = await startCoordinator({ devices: deviceCount(plan.operator), maxSessions: plan.maxSessions });
  teardowns.add('coordinator', () => coordinator.close());
  secrets.add(coordinator.access.secret);
  // The operator says the endpoint has no QoS Profiles API (optional in QoD): its checks do not apply.
  if (plan.operator.profilesApi === false) {
    profilesUrl = undefined;
    profilesUrlMissingReason = NO_PROFILES_API;
  }
  const secretList = [...secrets];
  // Tokens renewed from now on join the list the reporters redact with (the same array).
  onRenewed = (t) => {
    if (!secretList.includes(t)) secretList.push(t);
  };

  await preflight({ baseUrl, token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets: secretList });
  // Test devices that already hold a session leave the pool before any check (one line each).
  const busyDevices = await busyTestDevices({
    baseUrl,
    token,
    timeoutMs: plan.timeoutMs,
    insecure: plan.insecure,
    secrets: secretList,
    spec,
    dialect,
    api: plan.api,
    devices: lendable(plan.operator),
  });
  // An assignment stays until revoked: the run does not take over someone's (nor work around it).
  if (plan.api === 'qos-provisioning' && busyDevices.length)
    throw new UsageError(
      `preflight: ${busyDevices.map((b) => b.reason.replace(' left the pool:', '')).join('; ')}: an assignment never ends by itself; revoke it or give other test devices, then run again`,
    );
  for (const busy of busyDevices) {
    io.stderr(`preflight: ${busy.reason}`);
    coordinator.retire(busy.slot, busy.reason);
  }

  const config: RunConfig = {
    toolVersion: toolVersion(),
    api: plan.api,
    apiVersion,
    dialect: plan.dialect,
    baseUrl,
    profilesUrl,
    profilesUrlMissingReason,
    embedded: plan.target.embedded,
    specFiles: spec.files.map((f) => f.path),
    operator: { ...plan.operator, tokens: { ...plan.operator.tokens, default: token } },
    sink: sink.access(),
    seed: plan.seed,
    runs: plan.profile === 'safe' ? 0 : plan.runs,
    timeoutMs: plan.timeoutMs,
    notificationTimeoutMs: plan.notificationTimeoutMs,
    concurrency: plan.concurrency,
    maxRps: plan.maxRps,
    maxSessions: plan.maxSessions,
    propertySessions: plan.propertySessions,
    workers: plan.workers,
    insecure: plan.insecure,
    verbose: plan.verbose,
    profile: plan.profile,
    areas: plan.areas,
    checks: plan.checks,
    reportDir: plan.reportDir,
    ledgerFile,
    secrets: secretList,
    tokenService: tokenService?.access,
    coordinator: coordinator.access,
  };

  const record: RunRecord = {
    tool: { name: 'qod-conformance', version: config.toolVersion },
    api: plan.api,
    apiLabel: apiLabel(plan.api, apiVersion),
    apiVersion,
    dialect: plan.dialect,
    endpoint: {
      baseUrl,
      profilesUrl,
      embedded: plan.target.embedded,
      faults: plan.target.embedded ? plan.target.faults : undefined,
      variants: plan.target.embedded ? plan.target.variants : undefined,
    },
    specFiles: spec.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    startedAt,
    endedAt: '',
    seed: plan.seed,
    runs: config.runs,
    propertySessions: config.runs > 0 ? config.propertySessions : undefined,
    config: { ...redactConfig(config), dialectRelaxations: describeRelaxations(dialect) },
    sessions: undefined,
    dialectRelaxations: describeRelaxations(dialect),
    apiVersionDetection: run.detection,
    preflightNotes: busyDevices.length || run.notes?.length ? [...(run.notes ?? []), ...busyDevices.map((b) => b.reason)] : undefined,
  };
  const getRunRecord = (): RunRecord => {
    const { created, deleted } = summarize(readLedger(ledgerFile));
    const logs = container?.logs(secretList);
    // This process's requests (detection, preflight, exit sweep) plus what the workers reported.
    const requestsSent = wireRequestCount() + coordinator.state().workerRequests;
    return { ...record, endedAt: new Date().toISOString(), sessions: { created, deleted }, requestsSent, ...(container ? { container: { image: container.image, logs: logs || undefined } } : {}) };
  };

  // The exit sweep runs before the reports are written, so that they count what it deleted.
  const sweep = async () => {
    const current = refresher ? ((await refresher.current().catch(() => refresher!.peek())) ?? { accessToken: token }).accessToken : token;
    const tokens = { ...plan.operator.tokens, default: current };
    return sweepLedger(ledgerFile, { token: current, tokens, maxRps: plan.maxRps, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets: secretList });
  };
  return { config, getRunRecord, sweep, secretList };
}
