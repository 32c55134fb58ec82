// Turns merged option values and the config file into a RunPlan: everything the runner needs
// before it starts services (the endpoint URLs of the embedded provider are known only later).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { containerBaseUrl, containerPlanFrom } from '../container/plan.js';
import type { ContainerPlan } from '../container/types.js';
import { UsageError } from '../errors.js';
import { checkSuiteFilters } from './suite-filter.js';
import { checkTokenText } from './token-text.js';
import { manifestFor } from '../spec/manifest.js';
import { packageRoot } from '../util/package-root.js';
import { APIS, resolveApi } from './apis.js';
import type { ConfigFile } from './file.js';
import type { OptionValues } from './sources.js';
import { API_VERSIONS, AREAS, DEFAULT_API_VERSION, DEFAULT_PROPERTY_SESSIONS, type ApiId, type ApiVersion, type Area, type OperatorData, type RunConfig, type RunProfile } from './types.js';

export type TargetPlan =
  { embedded: true; faults: string[]; variants: string[] } | { embedded: false; baseUrl: string; profilesUrl?: string; profilesUrlMissingReason?: string; container?: ContainerPlan };

export interface AuthPlan {
  token?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

export interface SinkPlan {
  host: string;
  port: number;
  publicUrl?: string;
  http: boolean;
}

/** Run options the plan hands to the run configuration unchanged. */
type SharedRunOptions = Pick<
  RunConfig,
  'seed' | 'runs' | 'timeoutMs' | 'notificationTimeoutMs' | 'concurrency' | 'maxRps' | 'maxSessions' | 'propertySessions' | 'workers' | 'insecure' | 'verbose' | 'profile' | 'areas' | 'checks'
>;

export interface RunPlan extends SharedRunOptions {
  api: ApiId;
  /** The spec bundle (see RunConfig.apiVersion), or auto: detect it. */
  apiVersion: ApiVersion | 'auto';
  /** User-given spec files (absolute); empty = bundled. */
  specFiles: string[];
  dialect: string;
  /** --dialect (or its env/config key) was given: --api-version auto then checks it instead of detecting one. */
  dialectGiven?: boolean;
  target: TargetPlan;
  auth: AuthPlan;
  operator: OperatorData;
  sink: SinkPlan;
  /** Suite file filters (--suite); empty = every suite. */
  suites: string[];
  reportDir: string;
}

/** Worker processes by default: one per CPU, at least 2 (the files that mostly wait on timers
 *  overlap with the rest), at most 4 (each worker costs a start-up; see bench/results.json). */
export const DEFAULT_WORKERS = Math.min(4, Math.max(2, availableParallelism()));

/** Requests in flight by default: enough for the checks to overlap their round trips to a remote
 *  endpoint (tens to hundreds of ms away), few enough for a gateway's per-client limits. */
export const DEFAULT_CONCURRENCY = 16;

/** --provider-latency MS is the latency variant of the embedded provider (one implementation). */
function withProviderLatency(variants: string[], latency: unknown): string[] {
  if (latency === undefined) return variants;
  if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0) throw new UsageError(`--provider-latency must be ≥ 0, got ${String(latency)}`);
  if (variants.some((v) => /^latency(=|$)/.test(v.trim()))) throw new UsageError('--provider-latency and --variant latency both set the answer delay: give one');
  return latency > 0 ? [...variants, `latency=${latency}`] : variants;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function parseUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} must be an http or https URL: "${value}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** The QoS Profiles base derived from a standard QoD base path, or why it cannot be. */
/** Why the profile checks do not run when the operator data says the endpoint has no QoS Profiles API. */
export const NO_PROFILES_API = 'not applicable to this endpoint: it has no QoS Profiles API (profilesApi false in the operator data; QoD lets profiles be agreed during onboarding)';

export function deriveProfilesUrl(baseUrl: string, version: ApiVersion | 'auto', api: ApiId = 'quality-on-demand'): { url?: string; reason?: string } {
  if (api !== 'quality-on-demand') return deriveFromBasePaths(baseUrl, version, api);
  if (version === '0.8.1') return { reason: 'not applicable to QoD 0.8.1: it has no QoS Profiles API' };
  if (version === '0.10.1') return { url: baseUrl };
  const match = /^(.*)\/quality-on-demand\/([^/]+)$/.exec(baseUrl);
  if (match) return { url: `${match[1]}/qos-profiles/${match[2]}` };
  return {
    reason: `needs --profiles-url: it cannot be derived from --base-url ${baseUrl} (not of the form .../quality-on-demand/vN)`,
  };
}

/** Another API of the bundle: --base-url ends in the bundle's base path of the API under test, which
 *  is replaced by the QoS Profiles base path (auto: any bundle's). */
function deriveFromBasePaths(baseUrl: string, version: ApiVersion | 'auto', api: ApiId): { url?: string; reason?: string } {
  const kind = APIS[api].baseKind;
  const bundles = version === 'auto' ? API_VERSIONS : [version];
  for (const bundle of bundles) {
    const { basePaths } = manifestFor(bundle);
    const own = basePaths[kind];
    if (own && basePaths.profiles && baseUrl.endsWith(own)) return { url: baseUrl.slice(0, -own.length) + basePaths.profiles };
  }
  return { reason: `needs --profiles-url: it cannot be derived from --base-url ${baseUrl} (not ending in the ${APIS[api].title} base path of the version)` };
}

export function loadEmbeddedOperatorData(): OperatorData {
  const path = join(packageRoot(), 'fixtures/embedded.json');
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as OperatorData & { provider?: unknown };
  const { provider: _provider, ...operator } = fixture;
  return { ...operator, tokens: operator.tokens ?? {}, devices: operator.devices ?? {}, qosProfiles: operator.qosProfiles ?? {} };
}

function operatorFromFile(file: ConfigFile): OperatorData {
  return {
    tokens: { ...(file.tokens ?? {}) },
    devices: { ...(file.devices ?? {}) },
    threeLeggedDevice: file.threeLeggedDevice,
    applicationServer: file.applicationServer,
    qosProfiles: { ...(file.qosProfiles ?? {}) },
    profilesApi: file.profilesApi,
    unsupportedIdentifiers: file.unsupportedIdentifiers,
    privateKeyJwt: file.privateKeyJwt,
  };
}

function resolveAreas(only: string[], skip: string[]): Area[] {
  const selected = only.length ? (only as Area[]) : [...AREAS];
  return selected.filter((a) => !skip.includes(a));
}

function readTokenFile(path: string): string {
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (!token) throw new UsageError(`token file ${path} is empty`);
    return token;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read token file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function checkedSuites(filters: string[], api: ApiId): string[] {
  checkSuiteFilters(filters, api);
  return filters;
}

export function buildPlan(values: OptionValues, file: ConfigFile, cwd: string): RunPlan {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const baseUrl = str(values.baseUrl);
  const { api, bundle: apiVersion } = resolveApi({ api: str(values.api), version: str(values.apiVersion), baseUrl: baseUrl ? parseUrl(baseUrl, '--base-url') : undefined });
  const faults = list(values.fault);
  const variants = withProviderLatency(list(values.variant), values.providerLatency);

  const container = containerPlanFrom(values, { baseUrlGiven: baseUrl !== undefined });
  if ((container || baseUrl) && values.providerLatency !== undefined) throw new UsageError('--provider-latency only applies to the built-in provider (drop --base-url / --image)');
  if (container && faults.length) throw new UsageError('--fault only applies to the built-in provider (with --image, pass the container its own switches with --env)');
  if (container && variants.length) throw new UsageError('--variant only applies to the built-in provider (with --image, pass the container its own switches with --env)');
  if (container && apiVersion === 'auto') throw new UsageError('--api-version auto does not work with --image (it asks the endpoint before the container starts): name the version');

  let target: TargetPlan;
  if (baseUrl || container) {
    if (faults.length) throw new UsageError('--fault only applies to the built-in provider (drop --base-url)');
    if (variants.length) throw new UsageError('--variant only applies to the built-in provider (drop --base-url)');
    const base = baseUrl
      ? parseUrl(baseUrl, '--base-url')
      : containerBaseUrl(container!, manifestFor(apiVersion === 'auto' ? DEFAULT_API_VERSION : apiVersion).basePaths[APIS[api].baseKind] ?? '/quality-on-demand/v1');
    const explicit = str(values.profilesUrl);
    const derived = explicit ? { url: parseUrl(explicit, '--profiles-url') } : deriveProfilesUrl(base, apiVersion, api);
    target = { embedded: false, baseUrl: base, profilesUrl: derived.url, profilesUrlMissingReason: derived.reason, container };
  } else {
    target = { embedded: true, faults, variants };
  }

  const fileOperator = operatorFromFile(file);
  const operator = target.embedded ? mergeOperator(loadEmbeddedOperatorData(), fileOperator) : fileOperator;

  const tokenFile = str(values.tokenFile);
  const auth: AuthPlan = {
    token: str(values.token) ?? (tokenFile ? readTokenFile(abs(tokenFile)) : undefined),
    tokenUrl: str(values.tokenUrl),
    clientId: str(values.clientId),
    clientSecret: str(values.clientSecret),
    scope: str(values.scope),
  };
  if (auth.token !== undefined)
    checkTokenText(auth.token, tokenFile && str(values.token) === undefined ? `the token in ${tokenFile}` : 'the access token (--token, QOD_TOKEN or the config\'s "token")');
  for (const [role, token] of Object.entries(fileOperator.tokens)) if (token !== undefined) checkTokenText(token, `config tokens.${role}`);
  if (auth.tokenUrl && !(auth.clientId && auth.clientSecret)) {
    throw new UsageError('--token-url needs --client-id and --client-secret');
  }
  if (auth.tokenUrl) auth.tokenUrl = parseUrl(auth.tokenUrl, '--token-url');

  const sinkFile = file.sink ?? {};
  const sinkPublicUrl = str(values.sinkPublicUrl) ?? sinkFile.publicUrl;
  const sink: SinkPlan = {
    host: str(values.sinkHost) ?? sinkFile.host ?? '127.0.0.1',
    port: num(values.sinkPort, sinkFile.port ?? 0),
    publicUrl: sinkPublicUrl ? parseUrl(sinkPublicUrl, '--sink-public-url') : undefined,
    http: values.sinkHttp === true || sinkFile.http === true,
  };

  const positive = (key: string, fallback: number, min = 1): number => {
    const v = num(values[key], fallback);
    if (!Number.isInteger(v) || v < min) throw new UsageError(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be ≥ ${min}, got ${v}`);
    return v;
  };

  const concurrency = positive('concurrency', DEFAULT_CONCURRENCY);
  return {
    api,
    apiVersion,
    specFiles: list(values.spec).map(abs),
    dialect: str(values.dialect) ?? 'camara',
    dialectGiven: str(values.dialect) !== undefined,
    target,
    auth,
    operator,
    sink,
    seed: typeof values.seed === 'number' ? values.seed : Math.floor(Math.random() * 2 ** 31),
    runs: positive('runs', 100),
    timeoutMs: positive('timeout', 10_000),
    notificationTimeoutMs: positive('notificationTimeout', 5_000),
    concurrency,
    maxRps: positive('maxRps', 0, 0),
    // Each worker gets its share of --concurrency (at least one request), so no more than that.
    workers: Math.min(positive('workers', DEFAULT_WORKERS), concurrency),
    maxSessions: positive('maxSessions', 1000),
    propertySessions: positive('propertySessions', DEFAULT_PROPERTY_SESSIONS),
    insecure: values.insecure === true,
    verbose: values.verbose === true,
    profile: (str(values.profile) ?? 'full') as RunProfile,
    areas: resolveAreas(list(values.only), list(values.skip)),
    checks: list(values.check),
    suites: checkedSuites(list(values.suite), api),
    reportDir: abs(str(values.reportDir) ?? 'qod-conformance-report'),
  };
}

/** Config-file operator data overrides the embedded fixture key by key. */
function mergeOperator(base: OperatorData, over: OperatorData): OperatorData {
  return {
    tokens: { ...base.tokens, ...over.tokens },
    devices: { ...base.devices, ...over.devices },
    threeLeggedDevice: over.threeLeggedDevice ?? base.threeLeggedDevice,
    applicationServer: over.applicationServer ?? base.applicationServer,
    qosProfiles: { ...base.qosProfiles, ...over.qosProfiles },
    profilesApi: over.profilesApi ?? base.profilesApi,
    unsupportedIdentifiers: over.unsupportedIdentifiers ?? base.unsupportedIdentifiers,
    privateKeyJwt: over.privateKeyJwt ?? base.privateKeyJwt,
  };
}
