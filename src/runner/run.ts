// One certification run: plan → services (sink, embedded provider) → preflight → suites →
// cleanup sweep → verdict → exit code. Teardowns run in reverse order, also on Ctrl-C.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createReporters } from '../../reporters/index.js';
import type { RunPlan } from '../config/plan.js';
import type { ApiVersion, RunConfig } from '../config/types.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { startProvider } from '../provider/index.js';
import { collectResults, computeVerdict, type Verdict } from '../report/model.js';
import { redactConfig, type RunRecord } from '../report/run-record.js';
import { readLedger, summarize } from '../safety/ledger.js';
import { startSink } from '../sink/server.js';
import { loadSpec } from '../spec/load.js';
import { toolVersion } from '../util/package-root.js';
import { preflight } from './preflight.js';
import { sweepLedger } from './sweep.js';
import { Teardowns } from './tasks.js';
import { fetchClientCredentialsToken } from './token.js';
import { createSuiteRun, type VitestHandle } from './vitest.js';

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
  if (plan.apiVersion === 'auto') throw new UsageError('--api-version auto is not supported yet: name the version');
  const apiVersion: ApiVersion = plan.apiVersion;
  const teardowns = new Teardowns();
  const startedAt = new Date().toISOString();
  let vitestHandle: VitestHandle | undefined;
  let aborted = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (aborted) return;
    aborted = true;
    io.stderr(`${signal}: stopping the run and deleting the sessions it created…`);
    void vitestHandle?.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    mkdirSync(plan.reportDir, { recursive: true });
    const ledgerFile = join(plan.reportDir, 'sessions-ledger.jsonl');
    rmSync(ledgerFile, { force: true });

    const spec = await loadSpec({ version: apiVersion, files: plan.specFiles.length ? plan.specFiles : undefined });

    const sink = await startSink({ host: plan.sink.host, port: plan.sink.port, publicUrl: plan.sink.publicUrl, http: plan.sink.http });
    teardowns.add('webhook sink', () => sink.close());

    let baseUrl: string;
    let profilesUrl: string | undefined;
    let profilesUrlMissingReason: string | undefined;
    let token = plan.auth.token ?? plan.operator.tokens.default;
    const secrets = new Set<string>();

    if (plan.target.embedded) {
      const provider = await startProvider({ apiVersion, faults: plan.target.faults, sinkCa: sink.caCertPem, specFiles: plan.specFiles.length ? plan.specFiles : undefined });
      teardowns.add('reference provider', () => provider.close());
      baseUrl = provider.baseUrl;
      profilesUrl = provider.profilesUrl;
      for (const c of provider.fixtures.provider.clients) secrets.add(c.clientSecret);
      // The embedded run takes its token through the real client-credentials endpoint.
      if (!plan.auth.token) {
        const client = provider.fixtures.provider.clients[0]!;
        token = (await fetchClientCredentialsToken({ tokenUrl: provider.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret }, plan.timeoutMs)).accessToken;
      }
    } else {
      baseUrl = plan.target.baseUrl;
      profilesUrl = plan.target.profilesUrl;
      profilesUrlMissingReason = plan.target.profilesUrlMissingReason;
      if (plan.auth.tokenUrl) {
        token = (await fetchClientCredentialsToken({ tokenUrl: plan.auth.tokenUrl, clientId: plan.auth.clientId!, clientSecret: plan.auth.clientSecret!, scope: plan.auth.scope }, plan.timeoutMs)).accessToken;
      }
    }

    for (const t of Object.values(plan.operator.tokens)) if (t) secrets.add(t);
    for (const s of [token, plan.auth.token, plan.auth.clientSecret, sink.controlToken]) if (s) secrets.add(s);
    const secretList = [...secrets];

    await preflight({ baseUrl, token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets: secretList });

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
      insecure: plan.insecure,
      verbose: plan.verbose,
      profile: plan.profile,
      areas: plan.areas,
      reportDir: plan.reportDir,
      ledgerFile,
      secrets: secretList,
    };

    const record: RunRecord = {
      tool: { name: 'qod-conformance', version: config.toolVersion },
      apiVersion,
      dialect: plan.dialect,
      endpoint: { baseUrl, profilesUrl, embedded: plan.target.embedded, faults: plan.target.embedded ? plan.target.faults : undefined },
      specFiles: spec.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      startedAt,
      endedAt: '',
      seed: plan.seed,
      runs: config.runs,
      config: redactConfig(config),
      sessions: undefined,
    };
    const getRunRecord = (): RunRecord => {
      const { created, deleted } = summarize(readLedger(ledgerFile));
      return { ...record, endedAt: new Date().toISOString(), sessions: { created, deleted } };
    };

    vitestHandle = await createSuiteRun(config, createReporters({ reportDir: plan.reportDir, getRunRecord, secrets: secretList }));
    teardowns.add('vitest', () => vitestHandle!.close());
    const result = await vitestHandle.run();

    const sweep = await sweepLedger(ledgerFile, { token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets: secretList });
    if (sweep.leftover.length) {
      io.stderr(`warning: ${sweep.leftover.length} session(s) could not be deleted; run: qod-conformance cleanup --ledger ${ledgerFile}`);
    }
    if (aborted) return { exitCode: EXIT.unreachable, reportDir: plan.reportDir };
    const verdict = computeVerdict(collectResults(result.testModules), { unhandledErrors: result.unhandledErrors, interrupted: result.interrupted });
    return { exitCode: VERDICT_EXIT[verdict], verdict, reportDir: plan.reportDir };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await teardowns.run();
  }
}
