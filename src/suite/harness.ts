// What a conformance test gets: a recording HTTP client whose every response is checked against
// the spec, operator data with declared needs (missing data = a skip naming the key), device
// leases, session creation with guaranteed cleanup, and evidence attached to the test result.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'vitest';
import type {} from '../report/meta.js';
import type { ApiVersion, DeviceId, RunConfig } from '../config/types.js';
import { ConformanceFailure, fail } from '../checks/failure.js';
import { redactHeaders, redactText } from '../evidence/redact.js';
import { ANNOTATION, type Advisory, type RecordedExchange, type SinkRecord, type TestMeta } from '../evidence/types.js';
import { HttpClient, TransportError, type ApiRequest, type ApiResponse } from '../http/client.js';
import { Pacer } from '../http/pacer.js';
import { deleteDone, deletePathOf, recordCreated, recordDeleted } from '../safety/ledger.js';
import { BUDGET_SKIP, maySessionCreate, reserveSession, type Settle } from '../safety/budget.js';
import { TokenServiceClient } from '../safety/token-service.js';
import { closeSinkClients, newSinkPath, sinkUrlFor, waitForRecords, waitQuiet } from '../sink/client.js';
import { describeViolation } from '../spec/validators.js';
import type { SpecValidators, Violation } from '../spec/types.js';
import { cite, errorTableBasis, rulesFor, type VersionRules } from '../versions/rules.js';
import { checkErrorBody, dialectRequestHeaders, loadDialect, planErrorCheck, validatorsInDialect, type Dialect, type ErrorReason } from '../dialects/index.js';
import { closeCoordinatorClient } from '../coordination/client.js';
import {
  BUSY_DEVICE_SKIP,
  BUSY_WAIT_MS,
  busyBackoffMs,
  busyWaitLimitMs,
  deviceKeysOf,
  freedByOwnDelete,
  isBusyElsewhere,
  markDeviceFree,
  markDeviceStuck,
  markFreedByDelete,
  markSeenBusy,
  type DeviceKeys,
} from './busy-device.js';
import { describeDevice, deviceCount, DeviceLeftPoolError, lendable, leaseDevices, retireDevice, type DeviceLease, type DeviceWant } from './devices.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';
import { workerShare } from '../config/worker-share.js';
import { validatorsFor } from './spec-cache.js';
import { callbackKeys, responseKeys } from '../rules/exercised.js';
import { absentOperationRemedy, absentRouteEvidence } from './absent-operation.js';
import { transientSkipNote } from './transient.js';
import { CheckDeadline, MAX_DEVICE_WAIT_MS } from './check-deadline.js';
import { collectingConfig, notApplicableReason } from '../checks/registry.js';
import { checkName, type CheckSpec, type PoolExit } from '../checks/spec.js';
import { CROSS_CUTTING, PROVISIONING_CROSS_CUTTING, ownRules, ruleIdOfViolation } from '../rules/violation-rules.js';
import { currentRunConfig, runKey } from './run-scope.js';
import { citeProvisioning, provisioningRulesForBundle } from '../versions/provisioning-rules.js';

/** How long one wait for a callback or a status change may last: the notification timeout, at least 5 s. */
export function notificationWaitMs(config: RunConfig): number {
  return Math.max(5_000, config.notificationTimeoutMs);
}

/**
 * A check's test timeout: room for a few hung requests plus every wait it declares, each wait
 * scaled by --notification-timeout, so a long timeout turns a missing event into a failure of
 * the check (its own bounded wait) rather than a test timeout (a tool error).
 */
export function testTimeoutMs(config: RunConfig, spec: Pick<CheckSpec, 'timeout' | 'cost'>): number {
  if (spec.timeout !== undefined) return spec.timeout;
  // A check may also wait BUSY_WAIT_MS for test devices another client holds.
  const waits = (spec.cost?.waitMs ?? 0) + (spec.cost?.notificationWaits ?? 2) * notificationWaitMs(config) + BUSY_WAIT_MS;
  return Math.max(30_000, config.timeoutMs * 4 + waits);
}

export type { PoolExit };

/** After a delete answered 202 (accepted, still running): has the deletion completed, as a read of
 *  the record shows it? Gone (any answer but 200), or no longer AVAILABLE. */
export function deletionCompleted(read: ApiResponse): boolean {
  const body = read.json as { status?: unknown; qosStatus?: unknown } | undefined;
  return read.status !== 200 || (body?.status ?? body?.qosStatus) !== 'AVAILABLE';
}

/** Words of the reason a device leaves the pool after a 201 without the session id. */
const NO_ID_EXIT = 'came without its id';

/** Most exchanges kept per test: the first few and the last ones (property runs send many). */
const KEEP_FIRST = 10;
const KEEP_LAST = 40;
/** How often the cleanup reads a record whose delete answered 202, until the deletion completed. */
const DELETE_POLL_MS = 250;

/** This worker's client per run (src/suite/run-scope.ts): one in a CLI run. */
const clients = new Map<string, HttpClient>();
/** One pacer for the whole run: the client is renewed per file, the request rate is not reset. */
const pacers = new Map<string, Pacer>();

function clientFor(config: RunConfig): HttpClient {
  const run = runKey(config);
  const open = clients.get(run);
  if (open) return open;
  // A renewed token is a secret too: added to this worker's redaction list as it arrives.
  const tokens = config.tokenService
    ? new TokenServiceClient(config.tokenService, config.timeoutMs, (t) => {
        if (!config.secrets.includes(t)) config.secrets.push(t);
      })
    : undefined;
  const share = workerShare(config);
  const pacer = pacers.get(run) ?? new Pacer(share.maxRps, share.concurrency);
  pacers.set(run, pacer);
  const client = new HttpClient({
    tokenProvider: tokens ? () => tokens.token() : undefined,
    pacer,
    baseUrl: config.baseUrl,
    profilesUrl: config.profilesUrl,
    token: config.operator.tokens.default,
    timeoutMs: config.timeoutMs,
    maxRps: share.maxRps,
    concurrency: share.concurrency,
    insecure: config.insecure,
    secrets: config.secrets,
  });
  clients.set(run, client);
  return client;
}

/** Closes this worker's pooled connections (after each file), so the worker can exit at once. */
export async function closeHarnessClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all([...open.map((c) => c.close()), closeSinkClients(), closeCoordinatorClient()]);
}

/** The run's configuration: the one the CLI provided, or the one checks are collected for (src/checks/registry.ts). */
export function runConfig(): RunConfig {
  return collectingConfig() ?? currentRunConfig();
}

/** Declares one check as a vitest test (suites call check() of src/checks/declare.ts). */
export function declareCheck(spec: CheckSpec, fn: (q: Qod) => Promise<void>): void {
  const config = runConfig();
  const timeout = testTimeoutMs(config, spec);
  const meta: TestMeta = {
    checkId: spec.id,
    area: spec.area,
    operation: spec.operation,
    rule: spec.cites,
    ...(spec.scenarioId ? { scenarioId: spec.scenarioId } : {}),
    ...(spec.rules.length ? { covers: [...spec.rules] } : {}),
  };
  // The time limit is the check's own (CheckDeadline): it stands still while the check waits for
  // test devices, so vitest's own timeout is off.
  test(checkName(spec), { meta: { qod: meta }, timeout: 0, concurrent: spec.concurrent ?? true }, async (ctx) => {
    if (config.checks.length && !config.checks.includes(spec.id)) ctx.skip(`not selected: --check ${config.checks.join(', ')}`);
    if (!config.areas.includes(spec.area)) ctx.skip(`not selected: area ${spec.area}`);
    const notApplicable = notApplicableReason(spec, config.apiVersion, config.api);
    if (notApplicable) ctx.skip(notApplicable);
    if (spec.fullProfileOnly && config.profile === 'safe') {
      ctx.skip(`not selected: --profile safe${typeof spec.fullProfileOnly === 'string' ? ` (${spec.fullProfileOnly})` : ''}`);
    }
    if (spec.sameVerdictAs && config.profile === 'safe') ctx.skip(`not selected: --profile safe (the same verdict as ${spec.sameVerdictAs.join(' and ')})`);
    const deadline = new CheckDeadline(timeout);
    const q = new Qod(ctx, config, meta, spec.judges, deadline);
    // A test that times out is reported at once while its body may still run: its sessions are
    // deleted now, not only when (if ever) the body reaches its finally.
    ctx.onTestFinished(() => q.deleteTracked());
    const body = (async () => {
      try {
        await fn(q);
      } finally {
        deadline.stop();
      }
    })();
    let expired = false;
    try {
      await Promise.race([
        body,
        deadline.expired.catch((error: unknown) => {
          expired = true;
          throw error;
        }),
      ]);
    } catch (error) {
      // A failure that names no rule broke the check's own (root causes group by rule ID).
      if (error instanceof ConformanceFailure && !error.ruleIds?.length) error.ruleIds = ownRules(spec.rules);
      if (error instanceof TransportError) {
        throw new ConformanceFailure(`the endpoint did not answer: ${error.message}`, {
          rule: 'every operation must answer with an HTTP response (RFC 9110)',
          expected: `an HTTP response within ${config.timeoutMs} ms`,
          actual: error.message,
        });
      }
      throw error;
    } finally {
      // Timed out: reported now; the body still runs and cleans up (leases, evidence) when it ends.
      if (expired) void body.catch(() => undefined).then(() => q.finish());
      else await q.finish();
    }
  });
}

/** What a 409 for a device the check saw free breaks (Qod.sawDeviceFree): the failure's wording and rule. */
export interface SeenFreeBreaks {
  /** What the endpoint did, e.g. "a refused create left the device blocked". */
  what: string;
  rule: string;
  ruleIds: string[];
  expected: string;
}

export interface ErrorExpectation {
  /** Allowed HTTP statuses. */
  status: number | readonly number[];
  /** Allowed `code` values (any of them passes, where the spec allows alternatives). */
  codes?: readonly string[];
  /** Why the request is refused, where the check knows: a dialect code table row for it narrows the codes. */
  reason?: ErrorReason;
  /** Rule or scenario the expectation comes from. */
  rule: string;
}

export class Qod {
  readonly rules: VersionRules;
  readonly version: ApiVersion;
  private readonly exchanges: RecordedExchange[] = [];
  private dropped = 0;
  private readonly callbacks: SinkRecord[] = [];
  private readonly cleanups: Array<() => Promise<void>> = [];
  /** Sessions this check created and has not deleted: the token to delete each with, and its device. */
  private readonly liveSessions = new Map<string, { token: string | undefined; device: DeviceKeys; path: string }>();
  /** This check's device leases (also released at its end; releasing twice is harmless). */
  private readonly leases: DeviceLease[] = [];
  /** Annotations started where the caller cannot wait (expectError is synchronous): awaited by finish(). */
  private readonly pending: Array<Promise<unknown>> = [];
  /** Sessions whose cleanup failed once (their device already left the pool). */
  private readonly failedCleanups = new Set<string>();
  /** Time this check spent waiting for busy test devices (bounded by BUSY_WAIT_MS). */
  private busyWaitedMs = 0;
  /** Devices this check saw free itself before a step that must leave them free (sawDeviceFree). */
  private readonly seenFree: Array<{ device: DeviceKeys; breaks: SeenFreeBreaks }> = [];
  /** What this check validated against the spec (src/rules/exercised.ts), for the rule coverage. */
  private readonly validated = new Set<string>();
  /** Inventory rules this check exercised, said at run time (q.covers). */
  private readonly coveredRules = new Set<string>();
  /** Work figures for the reports and the benchmark: requests sent, sessions created (any 2xx to a
   *  create: whatever created one counts), generated cases, time spent on endpoint timers. */
  readonly stats = { requests: 0, sessionsCreated: 0, cases: 0, timerWaitMs: 0 };

  constructor(
    readonly ctx: TestContext,
    readonly config: RunConfig,
    readonly meta: TestMeta,
    private readonly judges?: PoolExit,
    /** The check's time limit, paused while it waits for devices (none for a Qod used on its own). */
    private readonly deadline?: CheckDeadline,
  ) {
    this.version = config.apiVersion;
    this.rules = rulesFor(config.apiVersion);
  }

  /** The rules every answer is judged by, in the inventory of the API under test. */
  private get crossCutting(): Readonly<Record<keyof typeof CROSS_CUTTING, string>> {
    return this.config.api === 'qos-provisioning' ? PROVISIONING_CROSS_CUTTING : CROSS_CUTTING;
  }

  /** The operator dialect of the run (fixtures/dialects/<name>.json). */
  get dialect(): Dialect {
    return loadDialect(this.config.dialect);
  }

  /** Adds the dialect's extra request headers (e.g. T-Mobile x-transaction-id); the test's own win. */
  private withDialectHeaders(req: ApiRequest): ApiRequest {
    const extra = dialectRequestHeaders(this.dialect);
    return Object.keys(extra).length ? { ...req, headers: { ...extra, ...req.headers } } : req;
  }

  get operator() {
    return this.config.operator;
  }

  /** Skips the test naming the missing setting, when `value` is absent. */
  need<T>(key: string, value: T | undefined | null): T {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
      this.ctx.skip(`needs operator data: ${key}`);
    }
    return value as T;
  }

  /** The QoS Profiles API is reachable (else skip with the reason). */
  needProfilesApi(): void {
    if (!this.config.profilesUrl) this.ctx.skip(this.config.profilesUrlMissingReason ?? 'needs --profiles-url');
  }

  /** Where the API under test says `where`: "QoD 1.1.0 …", or "QoS Provisioning 0.3.0 (r3.2) …" in a provisioning run. */
  cite(where: string): string {
    const provisioning = this.config.api === 'qos-provisioning' ? provisioningRulesForBundle(this.version) : undefined;
    return provisioning ? citeProvisioning(provisioning.version, where) : cite(this.version, where);
  }

  /** The spec's validators; in a dialect that relaxes error bodies, validateResponse applies it (src/dialects). */
  async validators(): Promise<SpecValidators> {
    const v = validatorsInDialect(await validatorsFor(this.config), this.dialect);
    // Every answer and callback judged against the spec counts towards the rule coverage.
    return {
      ...v,
      validateResponse: (operationId, response) => {
        // A dialect that relaxes error bodies does not judge them against the spec's schema.
        const bodyJudged = response.status < 400 || !this.dialect.relaxed('error-body-schema');
        for (const key of responseKeys(operationId, response.status, bodyJudged ? response.body : undefined, Object.keys(response.headers))) this.validated.add(key);
        return v.validateResponse(operationId, response);
      },
      validateCallbackBody: (operationId, body) => {
        for (const key of callbackKeys(operationId, body)) this.validated.add(key);
        return v.validateCallbackBody(operationId, body);
      },
    };
  }

  /** Declares inventory rules (src/rules, specs/rules) this check exercised, when only the run knows them. */
  covers(ruleIds: Iterable<string>): void {
    for (const id of ruleIds) this.coveredRules.add(id);
  }

  /** Sends a request; the response must conform to the spec (status documented, headers, body). */
  /**
   * Sends and fails on any answer that breaks the spec. With `expect`, a status the check did not
   * expect is said first ("expected HTTP 401, got 409"), the body's problems after it: the status
   * is what the check is about.
   */
  async call(req: ApiRequest, expected?: { status: number | readonly number[]; rule: string }, opts: { checkEcho?: boolean } = {}): Promise<ApiResponse> {
    return this.judge(req, await this.send(req), expected, opts);
  }

  /** call's judgement of an answer already received (a caller that must act on it first, e.g. track a session). */
  async judge(req: ApiRequest, res: ApiResponse, expected?: { status: number | readonly number[]; rule: string }, opts: { checkEcho?: boolean } = {}): Promise<ApiResponse> {
    const expect = expected && { ...expected, status: typeof expected.status === 'number' ? [expected.status] : expected.status };
    // An error body with the API's code, in a status the check expects, is the API's answer (0.10.1
    // documents 501 for a device the service does not apply to), not the sign of an absent route.
    const apiAnswer = (expect?.status.includes(res.status) ?? false) && hasErrorCode(res, this.dialect.errorBody.codeField);
    if (req.operationId && !apiAnswer) this.failIfAbsent(req.operationId, res);
    const violations = req.operationId ? await this.violationsOf(req.operationId, res, opts) : [];
    if (expect && !expect.status.includes(res.status)) {
      const bodyProblems = violations.length ? `; the answer also breaks its spec: ${violations.slice(0, 3).map(describeViolation).join('; ')}` : '';
      const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined;
      fail(`expected HTTP ${expect.status.join(' or ')}, got ${res.status}${location ? ` (a redirect to ${location}; redirects are not followed)` : ''}`, {
        rule: expect.rule,
        expected: `HTTP ${expect.status.join(' or ')}`,
        actual: `HTTP ${res.status} ${res.headers['content-type'] ?? '(no Content-Type)'} ${truncate(res.text) || '(empty body)'}${bodyProblems}`,
        // The status is the check's own rule; what else the answer broke is named too.
        ruleIds: [...ownRules(this.meta.covers ?? []), ...violations.map(ruleIdOfViolation)],
      });
    }
    if (req.operationId) this.failOnViolations(req.operationId, res, violations, { absentChecked: true });
    return res;
  }

  /** What in `res` breaks the spec of `operationId` (the x-correlator echo unless told not to). */
  async violationsOf(operationId: string, res: ApiResponse, opts: { checkEcho?: boolean } = {}): Promise<Violation[]> {
    const v = await this.validators();
    return v.validateResponse(operationId, {
      status: res.status,
      contentType: res.headers['content-type'],
      headers: res.headers,
      body: res.json,
      bodyText: res.text,
      requestCorrelator: opts.checkEcho === false ? undefined : res.correlatorSent,
    });
  }

  /**
   * Fails as the one root cause when the answer shows the operation is not there at all (a router's
   * 404, a 405 or 501: src/suite/absent-operation.ts), rather than as whatever the check expected.
   */
  failIfAbsent(operationId: string, res: ApiResponse): void {
    const evidence = absentRouteEvidence(res, this.dialect.errorBody.codeField);
    if (!evidence) return;
    fail(`operation ${operationId} not implemented (the route answered ${evidence})${absentOperationRemedy(operationId, this.rules)}`, {
      rule: this.cite(`${operationId}: an operation of the API (every documented operation must be served)`),
      ruleIds: [this.config.api === 'qos-provisioning' ? 'provisioning.operation-served' : 'errors.operation-served'],
      expected: `${operationId} served at ${res.exchange.request.method} ${res.exchange.request.url}`,
      actual: `${evidence}: a router's answer for a path or method it has no route for, not an error of the API`,
    });
  }

  /** Fails the test with the first violations, citing where the spec says so. */
  failOnViolations(operationId: string, res: ApiResponse, violations: Violation[], opts: { absentChecked?: boolean } = {}): void {
    if (!opts.absentChecked) this.failIfAbsent(operationId, res);
    if (!violations.length) return;
    const first = violations[0]!;
    if (first.rule === 'undocumented-status') {
      // Say what came instead: a redirect (never followed), a proxy's HTML error page, ...
      const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined;
      fail(`${operationId} answered HTTP ${res.status}${location ? ` (a redirect to ${location}; redirects are not followed)` : ''}, a status its spec does not document`, {
        rule: this.cite(first.specLocation),
        ruleIds: [this.crossCutting.documentedStatus],
        expected: `one of the statuses documented for ${operationId}`,
        actual: `HTTP ${res.status} ${res.headers['content-type'] ?? '(no Content-Type)'} ${truncate(res.text) || '(empty body)'}`,
      });
    }
    fail(`${operationId} answered ${res.status} with a response that breaks its spec (${violations.length} violation${violations.length > 1 ? 's' : ''})`, {
      rule: first.specLocation.startsWith(this.dialect.file) ? `${this.dialect.title}: ${first.specLocation}` : this.cite(`${first.specLocation}`),
      expected: `a response conforming to the ${operationId} ${first.where} definition`,
      actual: violations.slice(0, 5).map(describeViolation).join('; '),
      // Every rule the answer broke, not only the first: no defect hides behind another.
      ruleIds: violations.map(ruleIdOfViolation),
    });
  }

  /**
   * Sends without checking response conformance (only for cleanup and probes). A create answered
   * 409 for a device this check holds no session on is another client's session: retried with a
   * bounded backoff, then the check is skipped as blocked (src/suite/busy-device.ts).
   */
  async send(req: ApiRequest): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.sendOnce(req);
      const transient = transientSkipNote(req, res);
      if (transient) this.ctx.skip(transient);
      if (res.status !== 409 || !maySessionCreate(req)) return res;
      const device = deviceKeysOf(req.body, lendable(this.operator));
      if (
        !isBusyElsewhere(
          device,
          [...this.liveSessions.values()].map((s) => s.device),
        )
      )
        return res;
      // This check saw the device free itself, or the run's own 204 DELETE freed it last: a 409
      // that outlasts the wait is the endpoint's.
      const seen = this.seenFree.find((s) => !isBusyElsewhere(device, [s.device]));
      const ownDelete = freedByOwnDelete(device);
      if (!ownDelete && !seen) markSeenBusy(device);
      const wait = busyBackoffMs(attempt, this.busyWaitedMs, Math.min(BUSY_WAIT_MS, busyWaitLimitMs(device)));
      if (wait === undefined) {
        markDeviceStuck(device);
        const tries = `409 CONFLICT to ${attempt + 1} creates over ${Math.round(this.busyWaitedMs / 1000)} s`;
        if (seen)
          fail(`${seen.breaks.what}: ${tries}`, {
            rule: `${seen.breaks.rule} (only another client or run using the same test devices could hold it: give each run its own devices)`,
            expected: seen.breaks.expected,
            actual: `HTTP 409 ${truncate(res.text)}`,
            ruleIds: seen.breaks.ruleIds,
          });
        if (ownDelete) {
          const provisioning = this.config.api === 'qos-provisioning';
          fail(
            `the device stays blocked after its ${provisioning ? 'QoS assignment was revoked' : 'session was deleted'}: 409 CONFLICT to ${attempt + 1} creates over ${Math.round(this.busyWaitedMs / 1000)} s`,
            {
              rule: `${this.cite(
                provisioning
                  ? 'revoke 204: the QoS assignment is revoked; one assignment per device (create 409 only while another one exists for it)'
                  : 'deleteSession 204: the session is deleted and its resources released; one session per device (createSession 409 only while another session exists for it)',
              )} (only another client or run using the same test devices could hold it: give each run its own devices)`,
              expected: `a new ${provisioning ? 'QoS assignment' : 'session'} for the device (201) once the only one this run held on it was ${provisioning ? 'revoked' : 'deleted'} with 204`,
              actual: `HTTP 409 ${truncate(res.text)}`,
              // A provisioning run names the rule it broke; QoD's failure keeps the check's own rules.
              ...(provisioning ? { ruleIds: ['provisioning.revoke-204-gone'] } : {}),
            },
          );
        }
        this.ctx.skip(`${BUSY_DEVICE_SKIP} (409 CONFLICT to ${attempt + 1} creates over ${Math.round(this.busyWaitedMs / 1000)} s for a device this check holds no session on)`);
      }
      const started = performance.now();
      await this.timerWait(wait);
      this.busyWaitedMs += performance.now() - started;
    }
  }

  private async sendOnce(req: ApiRequest): Promise<ApiResponse> {
    let settle: Settle | undefined;
    let created = false;
    if (maySessionCreate(req)) {
      settle = await reserveSession(this.config);
      if (!settle) this.ctx.skip(`${BUDGET_SKIP} (${this.config.maxSessions} sessions already created in this run)`);
    }
    try {
      this.stats.requests++;
      const res = await clientFor(this.config).send(this.withDialectHeaders(req));
      for (const attempt of res.retried ?? []) this.keep(attempt);
      this.keep(res.exchange);
      // Whatever created a session (even a wrong 200) is tracked, so it is deleted in any case.
      if (settle && res.status >= 200 && res.status < 300) {
        created = true;
        this.stats.sessionsCreated++;
        const made = createdResource(req, this.rules, this.version);
        const id = (res.json as Record<string, unknown> | undefined)?.[made.idField];
        if (typeof id === 'string' && id) this.track(id, req.token ?? undefined, req.body, made.deletePath(id));
        // A session whose id never came back cannot be deleted: its device is occupied for good.
        else
          await this.leavePool(deviceKeysOf(req.body, lendable(this.operator)), `the session created for it in ${this.checkName} ${NO_ID_EXIT} (${made.idField}), so it cannot be deleted`).catch(
            () => undefined,
          );
        markDeviceFree(deviceKeysOf(req.body, lendable(this.operator)));
      }
      return res;
    } catch (error) {
      if (error instanceof TransportError) this.keep(error.exchange);
      throw error;
    } finally {
      // A lost coordinator must not mask the answer; the ledger still records the session.
      await settle?.(created).catch(() => undefined);
    }
  }

  /** Keeps the evidence of one exchange for this test's result. */
  private keep(exchange: RecordedExchange): void {
    if (this.exchanges.length >= KEEP_FIRST + KEEP_LAST) {
      this.exchanges.splice(KEEP_FIRST, 1);
      this.dropped++;
    }
    this.exchanges.push(exchange);
  }

  /** The most recent exchange of this test (property runs cite the failing one's curl). */
  get lastExchange(): RecordedExchange | undefined {
    return this.exchanges[this.exchanges.length - 1];
  }

  expectStatus(res: ApiResponse, status: number | readonly number[], rule: string): void {
    const allowed = typeof status === 'number' ? [status] : status;
    if (!allowed.includes(res.status)) {
      fail(`expected HTTP ${allowed.join(' or ')}, got ${res.status}`, {
        rule,
        expected: `HTTP ${allowed.join(' or ')}`,
        actual: `HTTP ${res.status} ${truncate(res.text)}`,
      });
    }
  }

  /** The HTTP statuses `exp` (1.1.0 terms) stands for in this run's version. */
  errorStatuses(exp: Omit<ErrorExpectation, 'rule'>): number[] {
    return planErrorCheck(this.version, this.dialect, exp).statuses;
  }

  /**
   * Does `res` answer as `exp` says (1.1.0 codes, checked as this version's equivalents in the run's
   * dialect)? For tests that accept one of several outcomes; expectError is the failing form.
   */
  isError(res: ApiResponse, exp: Omit<ErrorExpectation, 'rule'>): boolean {
    return checkErrorBody(this.version, this.dialect, planErrorCheck(this.version, this.dialect, exp), res) === undefined;
  }

  /**
   * An error answer: allowed status, error body (CAMARA {status, code, message}, or the run dialect's
   * shape) with `status` = HTTP status where the version has it, an allowed code and a message.
   */
  expectError(res: ApiResponse, exp: ErrorExpectation): void {
    // Expectations are written in 1.1.0 codes: checked as this version's equivalents
    // (versions/rules.ts) in the body shape and code table of the run's dialect (src/dialects).
    const dialect = this.dialect;
    // A router's "no such route" is never the API's 404 for an unknown resource.
    const absent = (typeof exp.status === 'number' ? [exp.status] : exp.status).includes(404) ? absentRouteEvidence(res, dialect.errorBody.codeField) : undefined;
    if (absent) {
      fail(`the route answered like a missing operation (${absent}), not with the API's 404`, {
        rule: exp.rule,
        expected: `the API's own error answer (HTTP ${typeof exp.status === 'number' ? exp.status : exp.status.join(' or ')}, an error body with a code)`,
        actual: `${absent}: a router's answer for a path or method it has no route for`,
      });
    }
    const plan = planErrorCheck(this.version, dialect, exp);
    const problem = checkErrorBody(this.version, dialect, plan, res);
    if (!problem) return;
    const notes = [
      ...(plan.translations.length ? [`as QoD ${this.version}: ${plan.translations.join('; ')} (${errorTableBasis(this.version)})`] : []),
      ...(dialect.relaxed('error-code-values') ? [`${dialect.title} code table ${dialect.file}`] : []),
    ];
    const rule =
      problem.part === 'status-field'
        ? this.cite('ErrorInfo.status')
        : problem.part === 'message'
          ? dialect.name === 'camara'
            ? this.cite('ErrorInfo.message')
            : `${dialect.title} error body (${dialect.file})`
          : `${exp.rule}${notes.length ? ` [${notes.join('; ')}]` : ''}`;
    if (problem.part === 'code' && !this.rules.errorCodesEnumerated && !dialect.relaxed('error-code-values')) {
      // Before 1.0.0 ErrorInfo.code is a plain string: the spec's codes are examples, so another
      // code with the right status breaks no rule (an advisory, flushed when the test finishes).
      // An operator's own code table is no example: its codes are the dialect's rule.
      this.pending.push(
        this.advise({
          title: `${problem.summary} (${problem.expected} expected)`,
          whyItMatters: `QoD ${this.version} gives error codes only as examples (ErrorInfo.code has no enum); clients that branch on the code will not recognise this one.`,
          detail: `${rule}: ${problem.actual}`,
        }),
      );
      return;
    }
    const broken = problem.part === 'body' || problem.part === 'status-field' || problem.part === 'message' ? [this.crossCutting.errorInfo] : undefined;
    fail(problem.summary, { rule, expected: problem.expected, actual: problem.actual, ...(broken ? { ruleIds: broken } : {}) });
  }

  /** Fails unless `condition` holds. */
  check(condition: boolean, summary: string, details: { rule: string; expected: string; actual: string }): asserts condition {
    if (!condition) fail(summary, details);
  }

  /** A finding where the spec is silent: reported, never a failure. */
  async advise(advisory: Advisory): Promise<void> {
    await this.ctx.annotate(advisory.title, ANNOTATION.advisory, { contentType: 'application/json', body: JSON.stringify(advisory) });
  }

  /** Records a place where the official scenarios and the spec disagree, and what we followed. */
  async noteStandard(text: string): Promise<void> {
    await this.ctx.annotate(text, ANNOTATION.standardNote);
  }

  async counterexample(message: string, data: unknown): Promise<void> {
    await this.ctx.annotate(message, ANNOTATION.counterexample, { contentType: 'application/json', body: JSON.stringify(data) });
  }

  /** A device for this test alone, released when the test ends. */
  async device(): Promise<DeviceId> {
    return (await this.devices(1))[0]!;
  }

  /** `count` devices for this test alone, leased together (a check that needs two must not hold
   *  one while waiting for the other); skips naming the operator data when there are fewer. */
  async devices(count: number): Promise<DeviceId[]> {
    return this.lease({ count });
  }

  /**
   * Gives this check's test devices back before it ends, when it only waits from here on (a quiet
   * sink) and holds no live session: other checks may use them meanwhile. False (kept) while a
   * session of the check is alive.
   */
  async releaseDevices(): Promise<boolean> {
    if (this.liveSessions.size > 0) return false;
    for (const lease of this.leases.splice(0)) await lease.release();
    return true;
  }

  /** A device whose identifiers satisfy `fits`, for this test alone; undefined when none does. */
  async deviceWhere(fits: (device: DeviceId) => boolean): Promise<DeviceId | undefined> {
    const among = lendable(this.operator).flatMap((d, slot) => (fits(d) ? [slot] : []));
    return among.length ? (await this.lease({ among }))[0] : undefined;
  }

  /** Two devices (a, b) with `fits(a, b)`, leased together; undefined when no two devices fit. */
  async devicePair(fits: (a: DeviceId, b: DeviceId) => boolean): Promise<[DeviceId, DeviceId] | undefined> {
    const all = lendable(this.operator);
    for (let i = 0; i < all.length; i++) {
      for (let j = 0; j < all.length; j++) {
        if (i === j || !fits(all[i]!, all[j]!)) continue;
        // Exactly these two (given back in this order).
        const [a, b] = await this.lease({ count: 2, among: [i, j] });
        return [a!, b!];
      }
    }
    return undefined;
  }

  private async lease(want: DeviceWant): Promise<DeviceId[]> {
    // Queueing for a device is not the endpoint's time: the check's clock stands still meanwhile,
    // and the wait has its own bound (MAX_DEVICE_WAIT_MS over the check).
    const waitLimit = AbortSignal.timeout(Math.max(1, Math.ceil(MAX_DEVICE_WAIT_MS - (this.deadline?.waitedMs ?? 0))));
    this.deadline?.pause();
    try {
      const lease = await this.leaseOutlasting(want, AbortSignal.any([this.ctx.signal, waitLimit]));
      this.leases.push(lease);
      this.cleanups.push(async () => lease.release());
      return lease.devices;
    } catch (error) {
      if (waitLimit.aborted) throw new Error(`waited ${MAX_DEVICE_WAIT_MS / 60_000} min for ${want.count ?? 1} free test device(s): other checks of the run held them all along`, { cause: error });
      throw error;
    } finally {
      this.deadline?.resume();
    }
  }

  /** Leases devices the caller releases itself (a block's shared session outlives this check); a
   *  device that left the pool ends the check the same way as for q.device(). */
  async leaseOutlasting(want: DeviceWant, signal: AbortSignal = this.ctx.signal): Promise<DeviceLease> {
    // Too few devices configured is missing operator data (a shared session asks here directly too).
    if (want.among === undefined) {
      const count = want.count ?? 1;
      this.need('devices.known', this.operator.devices.known);
      if (deviceCount(this.operator) < count) this.ctx.skip(`needs operator data: devices.pool (${count} test devices for this check, ${deviceCount(this.operator)} given)`);
    }
    try {
      return await leaseDevices(this.config, want, signal);
    } catch (error) {
      // The devices this check could use left the pool (a failed cleanup, busy at preflight).
      if (error instanceof DeviceLeftPoolError) {
        const cleanup = /cleanup of session \S+ failed in .*\(DELETE answered (.*)\)$/.exec(error.message);
        if (cleanup && this.judges === 'cleanup') {
          fail(`deleteSession did not delete a session of this client (seen in another check's cleanup; no test device is left to repeat it here)`, {
            rule: this.cite('deleteSession: a session of this client is deleted (204)'),
            expected: 'HTTP 204 to DELETE /sessions/{sessionId} of a session this client created',
            actual: `${cleanup[1]}: ${error.message}`,
          });
        }
        if (error.message.includes(NO_ID_EXIT) && this.judges === 'create') {
          fail(`createSession answered a created session without its ${this.rules.sessionIdField} (seen in another check; no test device is left to repeat it here)`, {
            rule: this.cite(`SessionInfo required ${this.rules.sessionIdField}`),
            expected: `a ${this.rules.sessionIdField} in the 201 answer`,
            actual: error.message,
          });
        }
        this.ctx.skip(`${BLOCKED_SKIP}${error.message}`);
      }
      throw error;
    }
  }

  /** Registers a session the test created so it is deleted at the end whatever happens. Again with
   *  another token: deleted with that one (created with a token that cannot delete it, e.g. expired).
   *  `path`: what deletes it, for another resource than a QoD session (a QoS assignment's revoke). */
  track(sessionId: string, token?: string, body?: unknown, path?: string): void {
    const live = this.liveSessions.get(sessionId);
    if (live && live.token === token) return;
    const deletePath = path ?? live?.path ?? deletePathOf({ sessionId });
    this.liveSessions.set(sessionId, { token, device: live?.device ?? deviceKeysOf(body, lendable(this.operator)), path: deletePath });
    // The ledger names the token's role (so the exit sweep can use it), never the token.
    const role = token === undefined ? undefined : (Object.entries(this.operator.tokens).find(([, t]) => t === token)?.[0] ?? 'unconfigured');
    recordCreated(this.config.ledgerFile, this.config.baseUrl, sessionId, role === 'default' ? undefined : role, path);
  }

  /** Hands a session this check created over to a longer-lived owner (src/suite/shared-session.ts):
   *  not deleted when the check ends; the ledger keeps it, so the exit sweep still covers it. */
  handOver(sessionId: string): void {
    this.liveSessions.delete(sessionId);
  }

  /**
   * This check saw `device` free itself (a read that names no session or assignment on it) right
   * before a step that must leave it free: a create for it answered 409 past the busy wait is then
   * the endpoint's and breaks `breaks`, not another client's session (which only a run sharing its
   * test devices could have).
   */
  sawDeviceFree(device: DeviceId, breaks: SeenFreeBreaks): void {
    this.seenFree.push({ device: deviceKeysOf({ device }, lendable(this.operator)), breaks });
  }

  /** Marks a session as gone; `deleted`: the test's own DELETE answered 204 (its device is free now). */
  untrack(sessionId: string, deleted = false): void {
    const entry = this.liveSessions.get(sessionId);
    if (!entry) return;
    this.liveSessions.delete(sessionId);
    recordDeleted(this.config.ledgerFile, this.config.baseUrl, sessionId);
    if (
      deleted &&
      isBusyElsewhere(
        entry.device,
        [...this.liveSessions.values()].map((s) => s.device),
      )
    )
      markFreedByDelete(entry.device);
  }

  /** A fresh path on the webhook sink; skips when the run has no sink. */
  sinkEndpoint(): { path: string; url: string } {
    const access = this.need('sink (the run has no webhook sink)', this.config.sink);
    const path = newSinkPath();
    return { path, url: sinkUrlFor(access, path) };
  }

  /** Waits (bounded) for callbacks on `path`; returns what arrived even on timeout. */
  async waitCallbacks(path: string, until: (records: SinkRecord[]) => boolean, timeoutMs = this.config.notificationTimeoutMs) {
    const started = performance.now();
    const result = await waitForRecords(this.config.sink!, path, until, timeoutMs);
    this.stats.timerWaitMs += performance.now() - started;
    this.noteCallbacks(result.records);
    return result;
  }

  async quiet(path: string, forMs: number, afterSeq?: number): Promise<SinkRecord[]> {
    const started = performance.now();
    const extra = await waitQuiet(this.config.sink!, path, forMs, afterSeq);
    this.stats.timerWaitMs += performance.now() - started;
    this.noteCallbacks(extra);
    return extra;
  }

  private noteCallbacks(records: SinkRecord[]): void {
    for (const r of records) if (!this.callbacks.some((c) => c.seq === r.seq)) this.callbacks.push(r);
  }

  /**
   * Deletes the sessions still tracked. Never throws. A session that cannot be deleted stays in
   * the ledger (the exit sweep retries it) and its device leaves the pool for the rest of the run.
   */
  async deleteTracked(): Promise<void> {
    for (const [sessionId, { token, device, path }] of this.liveSessions) {
      let answer: string;
      try {
        const res = await this.send({ method: 'DELETE', path, token: token ?? undefined });
        if (deleteDone(res.status)) {
          // 202: the deletion still runs and the device stays taken until it ends; the next check on it must not meet it.
          if (res.status === 202) await this.untilDeleteCompletes(path, token ?? undefined);
          this.untrack(sessionId, res.status === 204);
          continue;
        }
        answer = `HTTP ${res.status}`;
      } catch (error) {
        answer = error instanceof Error ? error.message : String(error);
      }
      await this.cleanupFailed(sessionId, device, answer).catch(() => undefined);
    }
  }

  /**
   * After a delete answered 202 (a QoS assignment's asynchronous revoke): reads the record (bounded,
   * by the notification wait) until it is gone or no longer AVAILABLE. Not judged: the cleanup's own wait.
   */
  private async untilDeleteCompletes(path: string, token: string | undefined): Promise<void> {
    const deadline = performance.now() + notificationWaitMs(this.config);
    while (performance.now() < deadline) {
      const res = await this.send({ method: 'GET', path, token }).catch(() => undefined);
      if (!res || deletionCompleted(res)) return;
      await this.timerWait(DELETE_POLL_MS);
    }
  }

  /** A session left live: its device leaves the pool; later checks that would use it skip, linked here. */
  private async cleanupFailed(sessionId: string, device: DeviceKeys, answer: string): Promise<void> {
    if (this.failedCleanups.has(sessionId)) return;
    this.failedCleanups.add(sessionId);
    await this.leavePool(device, `cleanup of session ${sessionId} failed in ${this.checkName} (DELETE answered ${answer})`);
  }

  /** The check's ID: the link a skip elsewhere gives. */
  private get checkName(): string {
    return this.meta.checkId;
  }

  /**
   * Takes the test device `device` names out of the pool for the rest of the run: a session that
   * cannot be deleted occupies it (src/suite/devices.ts). A session naming no device (a 3-legged
   * token's) is on the token's device, which is not lent from the pool.
   */
  private async leavePool(device: DeviceKeys, why: string): Promise<void> {
    const all = lendable(this.operator);
    const named = all.flatMap((d, slot) => ([...deviceKeysOf({ device: d }, [])].some((k) => device.has(k)) ? [slot] : []));
    for (const slot of named) {
      await retireDevice(this.config, slot, `test device ${describeDevice(all[slot]!)} left the pool: ${why}`);
    }
    await this.ctx.annotate(`${why}; its test device left the pool for the rest of the run`, 'qod:info');
  }

  onCleanup(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  /** Waits `ms` for a timer of the endpoint (expiry, transition): counted as unavoidable waiting. */
  async timerWait(ms: number): Promise<void> {
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.stats.timerWaitMs += performance.now() - started;
  }

  /** Deletes what is still alive, releases leases, attaches the evidence. Never throws. */
  async finish(): Promise<void> {
    await Promise.allSettled(this.pending);
    await this.deleteTracked();
    writeStats(this.config, this.ctx.task.name, this.stats);
    await this.ctx.annotate('work', ANNOTATION.stats, { contentType: 'application/json', body: JSON.stringify({ requests: this.stats.requests, sessionsCreated: this.stats.sessionsCreated }) });
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // cleanup must not mask the test's own outcome
      }
    }
    if (this.dropped) await this.ctx.annotate(`${this.dropped} further exchanges not kept`, 'qod:info');
    if (this.coveredRules.size)
      await this.ctx.annotate(`${this.coveredRules.size} inventory rules exercised`, ANNOTATION.covers, { contentType: 'application/json', body: JSON.stringify([...this.coveredRules]) });
    if (this.validated.size) await this.ctx.annotate(`${this.validated.size} parts validated`, ANNOTATION.validated, { contentType: 'application/json', body: JSON.stringify([...this.validated]) });
    if (this.config.exchangeEvidence === false) return;
    for (const ex of this.exchanges) {
      await this.ctx.annotate(`${ex.request.method} ${ex.request.url} → ${ex.response?.status ?? ex.error}`, ANNOTATION.exchange, {
        contentType: 'application/json',
        body: JSON.stringify(ex),
      });
    }
    for (const cb of this.callbacks) {
      // Callbacks carry the sink credential (Authorization, or 0.8.1's apikey): redacted like requests.
      const shown = { ...cb, path: redactText(cb.path, this.config.secrets), headers: redactHeaders(cb.headers, this.config.secrets), body: redactText(cb.body, this.config.secrets) };
      await this.ctx.annotate(`callback ${shown.method} ${shown.path}`, ANNOTATION.callback, { contentType: 'application/json', body: JSON.stringify(shown) });
    }
  }
}

/**
 * Deletes a session outside any check (the owner of a shared session, after its checks). Never
 * throws: undefined when the session is gone, else what the endpoint answered instead (the session
 * then stays in the ledger for the exit sweep).
 */
export async function deleteOutsideCheckAnswer(config: RunConfig, sessionId: string, token?: string): Promise<string | undefined> {
  try {
    const headers = dialectRequestHeaders(loadDialect(config.dialect));
    const res = await clientFor(config).send({ method: 'DELETE', path: `/sessions/${encodeURIComponent(sessionId)}`, token, ...(Object.keys(headers).length ? { headers } : {}) });
    if (res.status !== 204 && res.status !== 404) return `HTTP ${res.status}`;
    recordDeleted(config.ledgerFile, config.baseUrl, sessionId);
    return undefined;
  } catch (error) {
    return `no answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** One line per test in <report dir>/stats.jsonl, read by `npm run bench`. */
function writeStats(config: RunConfig, test: string, stats: Qod['stats']): void {
  try {
    appendFileSync(join(config.reportDir, 'stats.jsonl'), `${JSON.stringify({ test, ...stats, timerWaitMs: Math.round(stats.timerWaitMs) })}\n`);
  } catch {
    // figures for the benchmark only; never fail a check for them
  }
}

/**
 * What a create request made and how it is deleted: a QoD session (sessionId, DELETE /sessions/{id})
 * or a QoS assignment of the bundle's provisioning version (its id field, revoked at its own path).
 */
function createdResource(req: ApiRequest, rules: VersionRules, version: ApiVersion): { idField: string; deletePath: (id: string) => string | undefined } {
  const provisioning = req.api === 'provisioning' ? provisioningRulesForBundle(version) : undefined;
  if (!provisioning) return { idField: rules.sessionIdField, deletePath: () => undefined };
  return { idField: provisioning.idField, deletePath: (id) => `${provisioning.collectionPath}/${encodeURIComponent(id)}` };
}

/** The answer is a JSON error body carrying a code (the API's own error, whatever its status). */
function hasErrorCode(res: ApiResponse, codeField: string): boolean {
  const body = res.json;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && (body as Record<string, unknown>)[codeField] !== undefined;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
