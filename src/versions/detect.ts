// --api-version auto: which QoD version does an endpoint speak? Decided from what it answers, never
// by creating anything: which operations exist (POST /retrieve-sessions from 0.11.1), the codes of
// a few deliberately invalid requests (0.8.1 says INVALID_INPUT, 0.10.1 INVALID_ARGUMENT, 0.11.1
// UNIDENTIFIABLE_DEVICE where 1.x says MISSING_IDENTIFIER), the 1.2.0-rc.3 rule that an unknown
// body property is 400, and the x-correlator pattern (1.0.0 rejects ':' which 1.1.0 allows).
// The dialect is read from the error bodies' shape (sniff-dialect.ts). Every answer narrows the
// possible versions; a base path /quality-on-demand/vN rules out 0.8.1 and 0.10.1;
// the base path segment (/qod/v0, /v0.11, /v1, /v1rc3) otherwise only breaks a tie they leave.
// Contradicting or undecided signals are a refusal (exit 2), never a guess.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunPlan } from '../config/plan.js';
import { deriveProfilesUrl } from '../config/plan.js';
import { APIS, apiLabel } from '../config/apis.js';
import { API_VERSIONS, type ApiVersion } from '../config/types.js';
import { manifestFor } from '../spec/manifest.js';
import { dialectRequestHeaders, dialectSecrets } from '../dialects/errors.js';
import { DEFAULT_DIALECT, knownDialects, loadDialect } from '../dialects/load.js';
import type { Dialect } from '../dialects/types.js';
import { UnreachableError, UsageError } from '../errors.js';
import { HttpClient, TransportError, type ApiResponse } from '../http/client.js';
import { redactText } from '../report/run-record.js';
import { fetchClientCredentialsToken } from '../runner/token.js';
import { rulesFor } from './rules.js';
import { sniffDialect } from './sniff-dialect.js';

export interface Detection {
  version: ApiVersion;
  /** The dialect of the error bodies: the one --dialect named, or the one they showed. */
  dialect: string;
  /** Why, one clause per observation, in the order they were made. */
  reasons: string[];
}

export interface DetectInput {
  baseUrl: string;
  profilesUrl?: string;
  token?: string;
  timeoutMs: number;
  insecure: boolean;
  secrets: string[];
  /** The dialect --dialect named; undefined: read it from the error bodies. */
  dialect?: Dialect;
}

type Probe = (req: Parameters<HttpClient['send']>[0]) => Promise<ApiResponse>;

/** The version the path segment suggests, if it is one of the standard ones. */
export function versionHintOfPath(baseUrl: string): { versions: ApiVersion[]; segment: string } | undefined {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  if (/\/qod\/v0$/.test(path)) return { versions: ['0.8.1', '0.10.1'], segment: 'qod/v0' };
  if (/\/v0\.11$/.test(path)) return { versions: ['0.11.1'], segment: 'v0.11' };
  if (/\/v1rc3$/.test(path)) return { versions: ['1.2.0-rc.3'], segment: 'v1rc3' };
  if (/\/v1$/.test(path)) return { versions: ['1.0.0', '1.1.0'], segment: 'v1' };
  return undefined;
}

function codeOf(res: ApiResponse, dialect?: Dialect): string | undefined {
  const body = res.json as Record<string, unknown> | undefined;
  const field = dialect?.errorBody.codeField ?? 'code';
  const code = body && typeof body === 'object' ? body[field] : undefined;
  return code === undefined ? undefined : String(code);
}

/** Detects the version of the endpoint at input.baseUrl. */
export async function detectVersion(input: DetectInput): Promise<Detection> {
  const client = new HttpClient({
    baseUrl: input.baseUrl,
    profilesUrl: input.profilesUrl,
    token: input.token,
    timeoutMs: input.timeoutMs,
    insecure: input.insecure,
    secrets: input.secrets,
    maxRps: 0,
    concurrency: 1,
  });
  const probe: Probe = async (req) => {
    try {
      return await client.send({ ...req, noRetry: true });
    } catch (error) {
      if (error instanceof TransportError) throw new UnreachableError(`endpoint unreachable while detecting its version: ${error.message}`);
      throw error;
    }
  };
  try {
    return await decide(probe, input);
  } finally {
    await client.close();
  }
}

/** The versions still possible: each observation narrows them; an empty or ambiguous end is a refusal. */
class Candidates {
  private left: ApiVersion[] = [...API_VERSIONS];
  readonly reasons: string[] = [];

  /** pathHint: the versions the base path segment suggests; on a disagreement they narrow what is named. */
  constructor(private readonly pathHint: readonly ApiVersion[] = []) {}

  get remaining(): readonly ApiVersion[] {
    return this.left;
  }

  saw(reason: string): void {
    this.reasons.push(reason);
  }

  narrow(allowed: readonly ApiVersion[], reason: string): void {
    this.reasons.push(reason);
    const before = this.left;
    this.left = this.left.filter((v) => allowed.includes(v));
    // The earlier signals left `before`; this one rules them all out. Which is wrong is the user's
    // call: say what remains of the earlier ones, never all six.
    if (!this.left.length) {
      const hinted = before.filter((v) => this.pathHint.includes(v));
      const remain = hinted.length ? hinted : before;
      refuse(
        this.reasons,
        `the signals disagree (the earlier ones leave ${remain.join(' or ')}${hinted.length && hinted.length < before.length ? ' by the base path' : ''}, the last one ${allowed.join(' or ')})`,
        remain,
      );
    }
  }
}

/** --api-version auto refused to decide: what it saw and the versions that remain (exit 2). */
export class DetectionRefused extends UsageError {
  constructor(
    message: string,
    readonly reasons: string[],
    /** The versions the signals leave (the API's own versions). */
    readonly remaining: readonly string[],
  ) {
    super(message);
    this.name = 'DetectionRefused';
  }
}

/** Exit 2 with one line: what was seen, and the flags that decide instead of a guess. */
function refuse(reasons: string[], what: string, versions: readonly ApiVersion[] = API_VERSIONS, dialect?: string): never {
  const dialectFlag = dialect ? ` --dialect ${dialect}` : ` (and --dialect ${knownDialects().join('|')} for an operator dialect)`;
  throw new DetectionRefused(`--api-version auto: ${what}, so nothing is certified (saw: ${reasons.join('; ')}); give --api-version ${versions.join('|')}${dialectFlag}`, [...reasons], versions);
}

const absent = (res: ApiResponse) => res.status === 404 || res.status === 405 || res.status === 501;
const before0111: readonly ApiVersion[] = ['0.8.1', '0.10.1'];
/** The base path of 0.11.1 and later ({apiRoot}/quality-on-demand/v0.11, /v1, /v1rc3). */
const QOD_BASE_PATH = /\/quality-on-demand\/v[0-9][0-9a-z.]*$/;

async function decide(send: Probe, input: DetectInput): Promise<Detection> {
  const c = new Candidates(versionHintOfPath(input.baseUrl)?.versions);
  // A filter, not only a tie-breaker: 0.8.1 and 0.10.1 serve under /qod/v0 (or a path of the
  // operator's), never /quality-on-demand/vN, the base path of 0.11.1 and later.
  if (QOD_BASE_PATH.test(new URL(input.baseUrl).pathname.replace(/\/+$/, ''))) {
    c.narrow(
      API_VERSIONS.filter((v) => !before0111.includes(v)),
      'base path /quality-on-demand/vN (0.11.1 or later: 0.8.1 and 0.10.1 serve elsewhere)',
    );
  }
  let seen: Dialect | undefined;
  const dialect = () => input.dialect ?? seen;
  const probe: Probe = (req) => send({ ...req, headers: { ...(dialect() ? dialectRequestHeaders(dialect()!) : {}), ...req.headers } });
  const said = (res: ApiResponse) => `${res.status}${codeOf(res, dialect()) ? ` ${codeOf(res, dialect())}` : ''}`;

  // Every error body says which dialect it is written in: it must agree with --dialect and with the others.
  const observeDialect = (res: ApiResponse) => {
    if (res.status < 400) return;
    const shape = sniffDialect(res.json);
    if (!shape) return;
    if (input.dialect) {
      if (shape.name !== input.dialect.name)
        refuse(
          [...c.reasons, `error body ${JSON.stringify(res.json)}`],
          `the error bodies are in the ${shape.name} shape, not the ${input.dialect.name} one --dialect names`,
          API_VERSIONS,
          shape.name,
        );
      return;
    }
    if (seen && seen.name !== shape.name) refuse(c.reasons, `the error bodies mix the ${seen.name} and ${shape.name} shapes`, c.remaining);
    if (!seen) {
      seen = shape;
      const why = `error body in the ${shape.name} shape`;
      if (shape.versions?.length) c.narrow(shape.versions as ApiVersion[], `${why} (documented for ${shape.versions.join(', ')})`);
      else c.saw(why);
    }
    observeStatusField(res);
  };
  // CAMARA's ErrorInfo has carried `status` since 0.10.1; 0.8.1's is {code, message}. Weighed on
  // the first CAMARA error body, whichever probe drew it.
  let statusWeighed = false;
  const observeStatusField = (res: ApiResponse) => {
    const body = res.json as Record<string, unknown> | undefined;
    if (statusWeighed || dialect()?.name !== DEFAULT_DIALECT || !body || typeof body !== 'object' || typeof body.code !== 'string') return;
    statusWeighed = true;
    const withStatus = 'status' in body;
    const fits = API_VERSIONS.filter((v) => rulesFor(v).errorBodyHasStatus === withStatus);
    if (withStatus) c.narrow(fits, `error body with status ${JSON.stringify(body.status)} (${res.status} ${body.code}): 0.10.1 or later (0.8.1 ErrorInfo has no status)`);
    else c.narrow(fits, `CAMARA error body {code, message} without status (${res.status} ${body.code}): 0.8.1 ErrorInfo`);
  };

  const retrieve = await probe({ method: 'POST', path: '/retrieve-sessions', body: {}, xCorrelator: null });
  if (retrieve.status === 401) {
    throw new UsageError(`cannot detect the QoD version: ${input.baseUrl} refused the credentials (HTTP 401); check --token or the client credentials`);
  }
  observeDialect(retrieve);
  const hasRetrieve = !absent(retrieve);
  c.narrow(
    hasRetrieve ? API_VERSIONS.filter((v) => !before0111.includes(v)) : before0111,
    `POST /retrieve-sessions {} → ${said(retrieve)} (${hasRetrieve ? 'exists: 0.11.1 or later' : 'no such operation: before 0.11.1'})`,
  );

  if (!hasRetrieve) {
    // 0.8.1 or 0.10.1: the code of a schema-invalid create (INVALID_INPUT was renamed in 0.10.1), the
    // shape of a CAMARA error body (0.8.1's has no status), and whether a QoS profile list exists.
    const create = await probe({ method: 'POST', path: '/sessions', body: {}, xCorrelator: null });
    observeDialect(create);
    const code = codeOf(create, dialect());
    c.saw(`POST /sessions {} → ${said(create)}`);
    if (code === 'INVALID_INPUT') c.narrow(['0.8.1'], 'INVALID_INPUT is the 0.8.1 code (0.10.1 renamed it INVALID_ARGUMENT)');
    if (code === 'INVALID_ARGUMENT') c.narrow(['0.10.1'], 'INVALID_ARGUMENT is the 0.10.1 code (0.8.1 said INVALID_INPUT)');
    const profiles = await probe({ api: input.profilesUrl ? 'profiles' : 'qod', method: 'GET', path: '/qos-profiles', xCorrelator: null });
    observeDialect(profiles);
    if (profiles.status === 200 || profiles.status === 403) c.narrow(['0.10.1'], `GET /qos-profiles → ${said(profiles)}: the QoS profile list exists (0.10.1; 0.8.1 has none)`);
    else if (absent(profiles)) c.narrow(['0.8.1'], `GET /qos-profiles → ${said(profiles)}: no QoS profile list (0.8.1)`);
    else c.saw(`GET /qos-profiles → ${said(profiles)}`);
  } else {
    const code = codeOf(retrieve, dialect());
    if (code === 'UNIDENTIFIABLE_DEVICE') c.narrow(['0.11.1'], 'UNIDENTIFIABLE_DEVICE is the 0.11.1 code (1.0.0 renamed it MISSING_IDENTIFIER)');
    if (code === 'MISSING_IDENTIFIER') c.narrow(['1.0.0', '1.1.0', '1.2.0-rc.3'], 'MISSING_IDENTIFIER: 1.0.0 or later');
    if (c.remaining.length > 1 && retrieve.status !== 400) {
      // 1.2.0-rc.3: "a property the spec does not declare must make the request fail with 400 INVALID_ARGUMENT".
      const strict = await probe({ method: 'POST', path: '/retrieve-sessions', body: { qodConformanceProbe: true }, xCorrelator: null });
      observeDialect(strict);
      const what = `POST /retrieve-sessions {"qodConformanceProbe": true} → ${said(strict)}`;
      if (strict.status === 400) c.narrow(['1.2.0-rc.3'], `${what}: an unknown property is refused with 400 (the 1.2.0-rc.3 strictness rule)`);
      else
        c.narrow(
          API_VERSIONS.filter((v) => v !== '1.2.0-rc.3'),
          `${what}: an unknown property is not refused (before 1.2.0-rc.3)`,
        );
    }
    if (c.remaining.includes('1.0.0') && c.remaining.includes('1.1.0')) {
      // 1.0.0's x-correlator pattern ^[a-zA-Z0-9-]{0,55}$ rejects ':', which 1.1.0's allows.
      const correlator = await probe({ method: 'GET', path: `/sessions/${randomUUID()}`, xCorrelator: 'qod-conformance:probe' });
      observeDialect(correlator);
      const what = `GET /sessions/{random} with x-correlator "qod-conformance:probe" → ${said(correlator)}`;
      if (correlator.status === 400)
        c.narrow(
          API_VERSIONS.filter((v) => v !== '1.1.0'),
          `${what}: ':' refused (the 1.0.0 pattern)`,
        );
      else if (correlator.status === 404)
        c.narrow(
          API_VERSIONS.filter((v) => v !== '1.0.0'),
          `${what}: ':' accepted (1.0.0 refuses it)`,
        );
      else c.saw(what);
    }
  }

  if (!input.dialect && !seen) refuse(c.reasons, 'no error body showed a known shape (CAMARA ErrorInfo or an operator dialect)', c.remaining);
  const dialectName = (input.dialect ?? seen)!.name;
  if (c.remaining.length > 1) {
    // The base path segment only breaks a tie the answers left; it never overrides them.
    const hint = versionHintOfPath(input.baseUrl);
    const hinted = c.remaining.filter((v) => hint?.versions.includes(v));
    if (hint && hinted.length === 1) c.narrow(hinted, `base path segment /${hint.segment}`);
    else refuse(c.reasons, `the answers do not tell ${c.remaining.join(' and ')} apart`, c.remaining, dialectName);
  }
  return { version: c.remaining[0]!, dialect: dialectName, reasons: c.reasons };
}

/** For the runner: detection against --base-url (auto makes no sense for the built-in provider). */
export async function detectForRun(plan: RunPlan, io: { stderr: (line: string) => void }): Promise<{ plan: RunPlan; detection: Detection }> {
  // Only a dialect the user named binds the detection; the default one is read from the answers.
  const given = plan.dialectGiven ? loadDialect(plan.dialect) : undefined;
  if (plan.target.embedded) {
    throw new UsageError('--api-version auto detects the version of an endpoint given with --base-url; the built-in provider serves the version you name (e.g. --api-version 1.1.0)');
  }
  if (plan.api !== 'quality-on-demand') return detectByBasePath(plan, plan.target.baseUrl, io);
  let token = plan.auth.token ?? plan.operator.tokens.default;
  if (plan.auth.tokenUrl) {
    token = (await fetchClientCredentialsToken({ tokenUrl: plan.auth.tokenUrl, clientId: plan.auth.clientId!, clientSecret: plan.auth.clientSecret!, scope: plan.auth.scope }, plan.timeoutMs))
      .accessToken;
  }
  const secrets = [token, plan.auth.clientSecret, ...Object.values(plan.operator.tokens), ...knownDialects().flatMap((name) => dialectSecrets(loadDialect(name)))].filter((s): s is string =>
    Boolean(s),
  );
  let detection: Detection;
  try {
    detection = await detectVersion({ baseUrl: plan.target.baseUrl, profilesUrl: plan.target.profilesUrl, token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets, dialect: given });
  } catch (error) {
    if (!(error instanceof DetectionRefused)) throw error;
    const file = writeDetectionReport(plan.reportDir, secrets, { baseUrl: plan.target.baseUrl, outcome: 'refused', remaining: error.remaining, reasons: error.reasons, message: error.message });
    throw new DetectionRefused(`${error.message} (detection report: ${file})`, error.reasons, error.remaining);
  }
  writeDetectionReport(plan.reportDir, secrets, { baseUrl: plan.target.baseUrl, outcome: 'detected', version: detection.version, dialect: detection.dialect, reasons: detection.reasons });
  io.stderr(`--api-version auto: detected QoD ${detection.version}, dialect ${detection.dialect} (${detection.reasons.join('; ')})`);
  let target = plan.target;
  if (!target.profilesUrl) {
    const derived = deriveProfilesUrl(target.baseUrl, detection.version);
    target = { ...target, profilesUrl: derived.url, profilesUrlMissingReason: derived.reason };
  }
  return { plan: { ...plan, apiVersion: detection.version, dialect: detection.dialect, target }, detection };
}

/**
 * The versions of an API other than QoD differ in their base path (QoS Provisioning: v0.2, v0.3,
 * v0.4rc1): the one whose bundle base path ends --base-url, else a refusal naming the versions.
 */
function detectByBasePath(plan: RunPlan, baseUrl: string, io: { stderr: (line: string) => void }): { plan: RunPlan; detection: Detection } {
  const { title, baseKind } = APIS[plan.api];
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const bundles = API_VERSIONS.filter((b) => APIS[plan.api].versionIn(b) !== undefined);
  const matching = bundles.filter((b) => {
    const own = manifestFor(b).basePaths[baseKind];
    return own !== undefined && path.endsWith(own);
  });
  const secrets = [plan.auth.token, plan.auth.clientSecret, ...Object.values(plan.operator.tokens)].filter((s): s is string => Boolean(s));
  const versions = (list: readonly ApiVersion[]) => list.map((b) => APIS[plan.api].versionIn(b)).join(', ');
  if (matching.length !== 1) {
    const reasons = [`the base path ${path || '/'} is none of the ${title} base paths (${bundles.map((b) => manifestFor(b).basePaths[baseKind]).join(', ')})`];
    const message = `--api-version auto: cannot tell the ${title} version from --base-url; name one of ${versions(bundles)} with --api-version`;
    const remaining = bundles.map((b) => APIS[plan.api].versionIn(b)!);
    const file = writeDetectionReport(plan.reportDir, secrets, { api: plan.api, baseUrl, outcome: 'refused', remaining, reasons, message });
    throw new DetectionRefused(`${message} (detection report: ${file})`, reasons, remaining);
  }
  const bundle = matching[0]!;
  const reasons = [`base path ${manifestFor(bundle).basePaths[baseKind]}`];
  writeDetectionReport(plan.reportDir, secrets, { api: plan.api, baseUrl, outcome: 'detected', version: bundle, dialect: plan.dialect, reasons });
  io.stderr(`--api-version auto: detected ${apiLabel(plan.api, bundle)} (${reasons.join('; ')})`);
  let target = plan.target;
  if (!target.embedded && !target.profilesUrl) {
    const derived = deriveProfilesUrl(target.baseUrl, bundle, plan.api);
    target = { ...target, profilesUrl: derived.url, profilesUrlMissingReason: derived.reason };
  }
  return { plan: { ...plan, apiVersion: bundle, target }, detection: { version: bundle, dialect: plan.dialect, reasons } };
}

/** What --api-version auto saw and decided, refused or not: detection.json in the report folder. */
export interface DetectionReport {
  /** The API detected for (absent: QoD). */
  api?: string;
  baseUrl: string;
  outcome: 'detected' | 'refused';
  version?: ApiVersion;
  dialect?: string;
  /** Refused: the versions the signals leave (give one with --api-version). */
  remaining?: readonly string[];
  reasons: string[];
  message?: string;
}

function writeDetectionReport(reportDir: string, secrets: string[], report: DetectionReport): string {
  const file = join(reportDir, 'detection.json');
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(file, redactText(`${JSON.stringify(report, null, 2)}\n`, secrets));
  return file;
}
