// --api-version auto: which QoD version does an endpoint speak? Decided from what it answers, never
// by creating anything: which operations exist (POST /retrieve-sessions from 0.11.1), the codes of
// a few deliberately invalid requests (0.8.1 says INVALID_INPUT, 0.10.1 INVALID_ARGUMENT, 0.11.1
// UNIDENTIFIABLE_DEVICE where 1.x says MISSING_IDENTIFIER), the 1.2.0-rc.3 rule that an unknown
// body property is 400, and the x-correlator pattern (1.0.0 rejects ':' which 1.1.0 allows).
// The base path segment (/qod/v0, /v0.11, /v1, /v1rc3) is used only when the answers do not decide.
import { randomUUID } from 'node:crypto';
import type { RunPlan } from '../config/plan.js';
import { deriveProfilesUrl } from '../config/plan.js';
import type { ApiVersion } from '../config/types.js';
import { dialectRequestHeaders, dialectSecrets } from '../dialects/errors.js';
import type { Dialect } from '../dialects/types.js';
import { UnreachableError, UsageError } from '../errors.js';
import { HttpClient, TransportError, type ApiResponse } from '../http/client.js';
import { fetchClientCredentialsToken } from '../runner/token.js';

export interface Detection {
  version: ApiVersion;
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
  /** Where the error code is in an error body (dialects move it). */
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

const said = (res: ApiResponse, dialect?: Dialect) => `${res.status}${codeOf(res, dialect) ? ` ${codeOf(res, dialect)}` : ''}`;

/** Detects the version of the endpoint at input.baseUrl. */
export async function detectVersion(input: DetectInput): Promise<Detection> {
  const client = new HttpClient({ baseUrl: input.baseUrl, profilesUrl: input.profilesUrl, token: input.token, timeoutMs: input.timeoutMs, insecure: input.insecure, secrets: input.secrets, maxRps: 0, concurrency: 1 });
  const probe: Probe = async (req) => {
    try {
      return await client.send({ ...req, noRetry: true, headers: { ...(input.dialect ? dialectRequestHeaders(input.dialect) : {}), ...req.headers } });
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

async function decide(probe: Probe, input: DetectInput): Promise<Detection> {
  const { dialect } = input;
  const reasons: string[] = [];
  const hint = versionHintOfPath(input.baseUrl);
  const withHint = (fallback: ApiVersion, among: ApiVersion[]): ApiVersion => {
    const hinted = hint?.versions.filter((v) => among.includes(v)) ?? [];
    if (hinted.length === 1) {
      reasons.push(`base path segment /${hint!.segment}`);
      return hinted[0]!;
    }
    reasons.push(`nothing told ${among.join(' and ')} apart: assumed ${fallback}`);
    return fallback;
  };

  const retrieve = await probe({ method: 'POST', path: '/retrieve-sessions', body: {}, xCorrelator: null });
  if (retrieve.status === 401) {
    throw new UsageError(`cannot detect the QoD version: ${input.baseUrl} refused the credentials (HTTP 401); check --token or the client credentials`);
  }
  const hasRetrieve = retrieve.status !== 404 && retrieve.status !== 405 && retrieve.status !== 501;
  reasons.push(`POST /retrieve-sessions {} → ${said(retrieve, dialect)} (${hasRetrieve ? 'exists: 0.11.1 or later' : 'no such operation: before 0.11.1'})`);

  if (!hasRetrieve) {
    // 0.8.1 or 0.10.1: the code of a schema-invalid create tells (INVALID_INPUT was renamed in 0.10.1).
    const create = await probe({ method: 'POST', path: '/sessions', body: {}, xCorrelator: null });
    const code = codeOf(create, dialect);
    reasons.push(`POST /sessions {} → ${said(create, dialect)}`);
    if (code === 'INVALID_INPUT') return { version: '0.8.1', reasons: [...reasons, 'INVALID_INPUT is the 0.8.1 code (0.10.1 renamed it INVALID_ARGUMENT)'] };
    if (code === 'INVALID_ARGUMENT') return { version: '0.10.1', reasons: [...reasons, 'INVALID_ARGUMENT is the 0.10.1 code (0.8.1 said INVALID_INPUT)'] };
    const body = create.json as Record<string, unknown> | undefined;
    if ((!dialect || dialect.name === 'camara') && body && typeof body === 'object' && 'code' in body) {
      const legacy = !('status' in body);
      reasons.push(legacy ? 'error body {code, message} without status: 0.8.1 ErrorInfo' : 'error body with status: 0.10.1 ErrorInfo');
      return { version: legacy ? '0.8.1' : '0.10.1', reasons };
    }
    const profiles = await probe({ api: input.profilesUrl ? 'profiles' : 'qod', method: 'GET', path: '/qos-profiles', xCorrelator: null });
    reasons.push(`GET /qos-profiles → ${said(profiles, dialect)}`);
    if (profiles.status === 200 || profiles.status === 403) return { version: '0.10.1', reasons: [...reasons, 'the QoS profile list exists (0.10.1)'] };
    return { version: withHint('0.8.1', ['0.8.1', '0.10.1']), reasons };
  }

  const code = codeOf(retrieve, dialect);
  if (code === 'UNIDENTIFIABLE_DEVICE') return { version: '0.11.1', reasons: [...reasons, 'UNIDENTIFIABLE_DEVICE is the 0.11.1 code (1.0.0 renamed it MISSING_IDENTIFIER)'] };
  if (code === 'MISSING_IDENTIFIER') reasons.push('MISSING_IDENTIFIER: 1.0.0 or later');

  // 1.2.0-rc.3: "a property the spec does not declare must make the request fail with 400 INVALID_ARGUMENT".
  const strict = await probe({ method: 'POST', path: '/retrieve-sessions', body: { qodConformanceProbe: true }, xCorrelator: null });
  reasons.push(`POST /retrieve-sessions {"qodConformanceProbe": true} → ${said(strict, dialect)}`);
  if (strict.status === 400 && retrieve.status !== 400) {
    return { version: '1.2.0-rc.3', reasons: [...reasons, 'an unknown property is refused with 400 (the 1.2.0-rc.3 strictness rule)'] };
  }
  if (code !== 'MISSING_IDENTIFIER' && hint?.segment === 'v0.11') return { version: withHint('0.11.1', ['0.11.1']), reasons };
  if (hint?.segment === 'v1rc3') return { version: withHint('1.2.0-rc.3', ['1.2.0-rc.3']), reasons };

  // 1.0.0's x-correlator pattern ^[a-zA-Z0-9-]{0,55}$ rejects ':', which 1.1.0's allows.
  const correlator = await probe({ method: 'GET', path: `/sessions/${randomUUID()}`, xCorrelator: 'qod-conformance:probe' });
  reasons.push(`GET /sessions/{random} with x-correlator "qod-conformance:probe" → ${said(correlator, dialect)}`);
  if (correlator.status === 400) return { version: '1.0.0', reasons: [...reasons, "x-correlator with ':' refused: the 1.0.0 pattern"] };
  if (correlator.status === 404) return { version: '1.1.0', reasons: [...reasons, "x-correlator with ':' accepted: the 1.1.0 pattern (1.0.0 refuses it)"] };
  return { version: withHint('1.1.0', ['1.0.0', '1.1.0']), reasons };
}

/** For the runner: detection against --base-url (auto makes no sense for the built-in provider). */
export async function detectForRun(plan: RunPlan, dialect: Dialect, io: { stderr: (line: string) => void }): Promise<{ plan: RunPlan; detection: Detection }> {
  if (plan.target.embedded) {
    throw new UsageError('--api-version auto detects the version of an endpoint given with --base-url; the built-in provider serves the version you name (e.g. --api-version 1.1.0)');
  }
  let token = plan.auth.token ?? plan.operator.tokens.default;
  if (plan.auth.tokenUrl) {
    token = (await fetchClientCredentialsToken({ tokenUrl: plan.auth.tokenUrl, clientId: plan.auth.clientId!, clientSecret: plan.auth.clientSecret!, scope: plan.auth.scope }, plan.timeoutMs)).accessToken;
  }
  const secrets = [token, plan.auth.clientSecret, ...Object.values(plan.operator.tokens), ...dialectSecrets(dialect)].filter((s): s is string => Boolean(s));
  const detection = await detectVersion({ baseUrl: plan.target.baseUrl, profilesUrl: plan.target.profilesUrl, token, timeoutMs: plan.timeoutMs, insecure: plan.insecure, secrets, dialect });
  io.stderr(`--api-version auto: detected QoD ${detection.version} (${detection.reasons.join('; ')})`);
  let target = plan.target;
  if (!target.profilesUrl) {
    const derived = deriveProfilesUrl(target.baseUrl, detection.version);
    target = { ...target, profilesUrl: derived.url, profilesUrlMissingReason: derived.reason };
  }
  return { plan: { ...plan, apiVersion: detection.version, target }, detection };
}
