// One certification run: plan → services (sink, embedded provider) → preflight → suites →
// cleanup sweep → verdict → exit code. Teardowns run in reverse order, also on Ctrl-C.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createReporters } from '../../reporters/index.js';
import type { RunPlan } from '../config/plan.js';
import { containerSecrets, startContainer } from '../container/index.js';
import type { ApiVersion, RunConfig } from '../config/types.js';
import { EXIT, type ExitCode } from '../errors.js';
import { startCoordinator } from '../coordination/service.js';
import { startProvider } from '../provider/index.js';
import { deviceCount, lendable } from '../suite/devices.js';
import { collectResults, computeVerdict, type Verdict } from '../report/model.js';
import { redactConfig, type RunRecord } from '../report/run-record.js';
import { readLedger, summarize } from '../safety/ledger.js';
import { checkServedPair, describeRelaxations, dialectSecrets, loadDialect, unsentDialectHeaders } from '../dialects/index.js';
import { detectForRun } from '../versions/detect.js';
import { deriveProfilesUrl, NO_PROFILES_API } from '../config/plan.js';
import { startTokenService, TokenRefresher } from '../safety/token-service.js';
import { startSink } from '../sink/server.js';
import { loadSpec } from '../spec/load.js';
import { toolVersion } from '../util/package-root.js';
import { wireRequestCount } from '../http/client.js';
import { preflight } from './preflight.js';
import { busyTestDevices } from './device-preflight.js';
import { sweepLedger } from './sweep.js';
import { Teardowns } from './tasks.js';
import { fetchClientCredentialsToken } from './token.js';
import { Timeline } from './timeline.js';
import { createSuiteRun, type VitestHandle } from './vitest.js';
import { collectChecks } from '../checks/registry.js';
import { collectionConfig } from '../checks/collect-config.js';
import { filesOfChecks } from '../checks/select.js';

export interface RunOutcome {
  exitCode: ExitCode;
  verdict?: Verdict;
  reportDir: string;
}

export const VERDICT_EXIT: Record<Verdict, ExitCode> = {
  CONFORMANT: EXIT.conformant,
  'NOT CONFORMANT': EXIT.notConformant,
  INCOMPLETE: EXIT.incomplete,
  'TOOL ERROR': EXIT.toolError,
};

export async function runConformance(plan: RunPlan, io: { stderr: (line: string) => void }): Promise<RunOutcome> {
  // An unknown dialect is a usage error before anything starts; auto asks the endpoint (versions/detect.ts).
  loadDialect(plan.dialect);
  // auto detects the dialect with the version (unless --dialect names it).
  const detected = plan.apiVersion === 'auto' ? await detectForRun(plan, io) : undefined;
  if (detected) plan = detected.plan;
  const dialect = loadDialect(plan.dialect);
  // The built-in provider serves a dialect only with its documented versions: said before anything starts.
  if (plan.target.embedded) checkServedPair(dialect, plan.apiVersion);
  if (dialect.relaxes.length) io.stderr(`dialect ${dialect.name} (${dialect.title}) relaxes: ${dialect.relaxes.map((r) => r.check).join(', ')}`);
  // A header the operator expects but whose value is not set is left out: said, never silently.
  const unsent = unsentDialectHeaders(dialect);
  for (const line of unsent) io.stderr(line);
  const apiVersion: ApiVersion = plan.apiVersion as ApiVersion;
  const teardowns = new Teardowns();
  const startedAt = new Date().toISOString();
  let vitestHandle: VitestHandle | undefined;
  let aborted: NodeJS.Signals | undefined;
  const abortStart = new AbortController();
  const timeline = new Timeline();

  const onSignal = (signal: NodeJS.Signals) => {
    if (aborted) {
      io.stderr(`${signal}: still stopping: deleting the sessions the run created (bounded by --timeout per session)…`);
      return;
    }
    aborted = signal;
    abortStart.abort();
    io.stderr(`${signal}: stopping the run and deleting the sessions it created…`);
    void vitestHandle?.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    mkdirSync(plan.reportDir, { recursive: true });
    const ledgerFile = join(plan.reportDir, 'sessions-ledger.jsonl');
    rmSync(ledgerFile, { force: true });
    rmSync(join(plan.reportDir, 'stats.jsonl'), { force: true });
    rmSync(join(plan.reportDir, 'timings.json'), { force: true });
    // A detection report is this run's only when it detected (versions/detect.ts wrote it just now).
    if (!detected) rmSync(join(plan.reportDir, 'detection.json'), { force: true });

    const spec = await loadSpec({ version: apiVersion, files: plan.specFiles.length ? plan.specFiles : undefined });
    // --check: the registry names the suite files that hold the checks (an unknown ID stops here).
    const checkFiles = plan.checks.length ? filesOfChecks(plan.checks, await collectChecks(collectionConfig(apiVersion, { specFiles: plan.specFiles, dialect: dialect.name }))).map((f) => f.replace(/\.ts$/, '')) : undefined;

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
    const container = containerPlan
      ? await startContainer(containerPlan, { signal: abortStart.signal, secrets: Object.values(plan.operator.tokens).filter((t): t is string => !!t) })
      : undefined;
    if (container) teardowns.add('container', () => container.stop());

    if (plan.target.embedded) {
      const provider = await startProvider({ apiVersion, faults: plan.target.faults, variants: plan.target.variants, sinkCa: sink.caCertPem, specFiles: plan.specFiles.length ? plan.specFiles : undefined, spec, dialect: dialect.name });
      teardowns.add('reference provider', () => provider.close());
      baseUrl = provider.baseUrl;
      // 0.8.1 has no QoS Profiles API: say so rather than point at the sessions base.
      const derived = deriveProfilesUrl(provider.baseUrl, apiVersion);
      profilesUrl = derived.url === undefined ? undefined : provider.profilesUrl;
      profilesUrlMissingReason = derived.reason;
      for (const c of provider.fixtures.provider.clients) secrets.add(c.clientSecret);
      // The embedded run takes its token through the real client-credentials endpoint.
      if (!plan.auth.token) {
        const client = provider.fixtures.provider.clients[0]!;
        const cc = { tokenUrl: provider.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret };
        refresher = new TokenRefresher(() => fetchClientCredentialsToken(cc, plan.timeoutMs), (t) => onRenewed(t));
        token = (await refresher.current()).accessToken;
      }
    } else {
      baseUrl = plan.target.baseUrl;
      profilesUrl = plan.target.profilesUrl;
      profilesUrlMissingReason = plan.target.profilesUrlMissingReason;

      if (plan.auth.tokenUrl) {
        const cc = { tokenUrl: plan.auth.tokenUrl, clientId: plan.auth.clientId!, clientSecret: plan.auth.clientSecret!, scope: plan.auth.scope };
        refresher = new TokenRefresher(() => fetchClientCredentialsToken(cc, plan.timeoutMs), (t) => onRenewed(t));
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
    const busyDevices = await busyTestDevices({ baseUrl, token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets: secretList, spec, dialect, devices: lendable(plan.operator) });
    for (const busy of busyDevices) {
      io.stderr(`preflight: ${busy.reason}`);
      coordinator.retire(busy.slot, busy.reason);
    }

    const config: RunConfig = {
      toolVersion: toolVersion(),
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
      apiVersion,
      dialect: plan.dialect,
      endpoint: { baseUrl, profilesUrl, embedded: plan.target.embedded, faults: plan.target.embedded ? plan.target.faults : undefined, variants: plan.target.embedded ? plan.target.variants : undefined },
      specFiles: spec.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      startedAt,
      endedAt: '',
      seed: plan.seed,
      runs: config.runs,
      propertySessions: config.runs > 0 ? config.propertySessions : undefined,
      config: { ...redactConfig(config), dialectRelaxations: describeRelaxations(dialect) },
      sessions: undefined,
      dialectRelaxations: describeRelaxations(dialect),
      apiVersionDetection: detected?.detection,
      preflightNotes: busyDevices.length || unsent.length ? [...unsent, ...busyDevices.map((b) => b.reason)] : undefined,
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
    let sweptBeforeReports: ReturnType<typeof sweep> | undefined;
    const sessionsLive = (): number => summarize(readLedger(ledgerFile)).alive.length;
    const reporters = createReporters({ reportDir: plan.reportDir, getRunRecord, secrets: secretList, sessionsLive });
    for (const reporter of reporters) {
      const onTestRunEnd = reporter.onTestRunEnd?.bind(reporter);
      if (!onTestRunEnd) continue;
      reporter.onTestRunEnd = async (...args) => {
        await (sweptBeforeReports ??= sweep()).catch(() => undefined);
        return onTestRunEnd(...args);
      };
    }

    let result: Awaited<ReturnType<VitestHandle['run']>> | undefined;
    if (!aborted) {
      const ours = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) };
      timeline.mark('servicesReady');
      vitestHandle = await createSuiteRun(config, [timeline, ...reporters], checkFiles ?? (plan.suites.length ? plan.suites : undefined));
      timeline.mark('suitesCreated');
      teardowns.add('vitest', () => vitestHandle!.close());
      // vitest's logger exits the process on SIGINT/SIGTERM (after a 1 ms flush), which would skip
      // the sweep: the run handles those signals itself (onSignal cancels vitest).
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!ours[signal].has(listener)) process.off(signal, listener);
      }
      if (!aborted) result = await vitestHandle.run();
    }

    timeline.mark('reportsWritten');
    const swept = await sweep();
    timeline.write(join(plan.reportDir, 'timings.json'));
    if (swept.leftover.length) {
      io.stderr(`warning: ${swept.leftover.length} session(s) could not be deleted; run: qod-conformance cleanup --ledger ${ledgerFile}`);
    }
    if (aborted || !result) {
      const reports = result ? `the reports in ${plan.reportDir} are incomplete` : 'no check ran';
      io.stderr(`run aborted (${aborted ?? 'interrupted'}): sessions created ${swept.created}, deleted ${swept.deleted}; ${reports}`);
      return { exitCode: EXIT.unreachable, reportDir: plan.reportDir };
    }
    const verdict = computeVerdict(collectResults(result.testModules), { unhandledErrors: result.unhandledErrors, interrupted: result.interrupted });
    return { exitCode: VERDICT_EXIT[verdict], verdict, reportDir: plan.reportDir };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await teardowns.run();
  }
}
