// The APIs the tool certifies. One engine: what differs between them is this table, the spec
// bundles (specs/manifest.json), the scenario catalogues and the suite folders that declare their checks.
// A run certifies one API at one of its versions; internally a version names a bundle, keyed by the
// QoD release it shipped with (QoS Provisioning 0.3.0 is in the bundle of QoD 1.1.0).
import { UsageError } from '../errors.js';
import { apisUnderTest } from '../spec/apis.js';
import { readManifest } from '../spec/manifest.js';
import type { ApiKind } from '../spec/types.js';
import { didYouMean } from '../util/suggest.js';
import { API_IDS, API_VERSIONS, DEFAULT_API, DEFAULT_API_VERSION, type ApiId, type ApiVersion } from './types.js';

export { API_IDS, DEFAULT_API, type ApiId };

export interface ApiDescription {
  id: ApiId;
  /** How reports name it. */
  title: string;
  /** The operations under test: those of the spec documents of these kinds. */
  kinds: readonly ApiKind[];
  /** The kind whose base path --base-url gives (the others are derived from it). */
  baseKind: ApiKind;
  /** Folders of suites/ whose checks certify it (every-operation: derived from the spec's operations, for any API). */
  suiteFolders: readonly string[];
  /** Its own version in a bundle; undefined when the bundle holds none. */
  versionIn(bundle: ApiVersion): string | undefined;
  /** Base paths that say a URL serves this API (the version follows). */
  basePathWords: readonly string[];
  /** POST paths (under its base) that create a billed resource: counted by --max-sessions, kept in the ledger. */
  createPaths: readonly string[];
}

const QOD: ApiDescription = {
  id: 'quality-on-demand',
  title: 'QoD',
  kinds: apisUnderTest('quality-on-demand'),
  baseKind: 'qod',
  suiteFolders: ['auth', 'every-operation', 'lifecycle', 'notifications', 'profiles', 'rules', 'sessions', 'v0.10.1', 'validation'],
  versionIn: (bundle) => bundle,
  basePathWords: ['quality-on-demand', 'qod'],
  createPaths: ['/sessions'],
};

const PROVISIONING: ApiDescription = {
  id: 'qos-provisioning',
  title: 'QoS Provisioning',
  kinds: apisUnderTest('qos-provisioning'),
  baseKind: 'provisioning',
  suiteFolders: ['every-operation', 'provisioning'],
  versionIn: (bundle) => readManifest()[bundle].provisioningVersion,
  // Named QoD Provisioning up to 0.2.0.
  basePathWords: ['qos-provisioning', 'qod-provisioning'],
  // 0.3.0 on: QoS assignments; 0.2.0: provisionings.
  createPaths: ['/qos-assignments', '/device-qos'],
};

export const APIS: Readonly<Record<ApiId, ApiDescription>> = { 'quality-on-demand': QOD, 'qos-provisioning': PROVISIONING };

export function isApiId(value: string): value is ApiId {
  return (API_IDS as readonly string[]).includes(value);
}

/** The versions of `api` the tool knows, oldest first. */
export function versionsOf(api: ApiId): string[] {
  return API_VERSIONS.map((bundle) => APIS[api].versionIn(bundle)).filter((v): v is string => v !== undefined);
}

/** Every version of every API (the --api-version choices besides auto). */
export function allVersions(): string[] {
  return [...new Set(API_IDS.flatMap(versionsOf))];
}

/** The bundle that holds `version` of `api`. */
export function bundleOf(api: ApiId, version: string): ApiVersion | undefined {
  return API_VERSIONS.find((bundle) => APIS[api].versionIn(bundle) === version);
}

/** The API a version belongs to, when only one has it. */
export function apiOfVersion(version: string): ApiId | undefined {
  const owners = API_IDS.filter((api) => bundleOf(api, version) !== undefined);
  return owners.length === 1 ? owners[0] : undefined;
}

/** The default version of `api`: the one in the default bundle, else its newest stable one. */
export function defaultVersionOf(api: ApiId): string {
  const inDefault = APIS[api].versionIn(DEFAULT_API_VERSION);
  if (inDefault) return inDefault;
  const versions = versionsOf(api);
  const chosen = versions.filter((v) => !v.includes('-')).at(-1) ?? versions.at(-1);
  if (chosen === undefined) throw new UsageError(`${APIS[api].title}: no version of it is bundled (specs/manifest.json)`);
  return chosen;
}

/** "QoS Provisioning 0.3.0": the API and its own version of a bundle. */
export function apiLabel(api: ApiId, bundle: ApiVersion): string {
  return `${APIS[api].title} ${APIS[api].versionIn(bundle) ?? bundle}`;
}

/** The API a base URL's path names (its last words before the version segment). */
export function apiOfBaseUrl(baseUrl: string): ApiId | undefined {
  const path = new URL(baseUrl).pathname;
  return API_IDS.find((api) => APIS[api].basePathWords.some((word) => new RegExp(`/${word}/v[^/]*/?$`).test(path)));
}

/**
 * The API and bundle a run targets, from what the user said: --api (or inferred from the version or
 * the base URL) and --api-version (the API's own version, or auto).
 */
export function resolveApi(given: { api?: string; version?: string; baseUrl?: string }): { api: ApiId; bundle: ApiVersion | 'auto' } {
  const fromVersion = given.version && given.version !== 'auto' ? apiOfVersion(given.version) : undefined;
  const fromUrl = given.baseUrl ? apiOfBaseUrl(given.baseUrl) : undefined;
  if (given.api !== undefined && !isApiId(given.api)) throw new UsageError(`--api: "${given.api}" is not one of ${API_IDS.join(', ')}${didYouMean(given.api, API_IDS)}`);
  const api = (given.api as ApiId | undefined) ?? fromVersion ?? fromUrl ?? DEFAULT_API;
  const version = given.version ?? defaultVersionOf(api);
  if (version === 'auto') return { api, bundle: 'auto' };
  const bundle = bundleOf(api, version);
  if (!bundle) {
    const owner = apiOfVersion(version);
    const hint = owner ? ` (${version} is a ${APIS[owner].title} version: --api ${owner})` : '';
    throw new UsageError(`--api-version: ${APIS[api].title} has no version ${version}; known: ${versionsOf(api).join(', ')}${hint}`);
  }
  return { api, bundle };
}
