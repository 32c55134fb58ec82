// serve --write-config FILE: a config file for a run against this serve world, so that serve-then-run
// needs no retyping. The operator data is the same the embedded run uses (loadEmbeddedOperatorData):
// one source, so both always agree with the provider's fixtures.
import { writeFileSync } from 'node:fs';
import { loadEmbeddedOperatorData } from '../config/plan.js';
import { API_VERSIONS, DEFAULT_API_VERSION, type ApiVersion } from '../config/types.js';
import { UsageError } from '../errors.js';
import { isProvisioningVersion, PROVISIONING_VERSIONS, provisioningRulesFor, type ProvisioningVersion } from '../versions/provisioning-rules.js';

export const SERVE_APIS = ['quality-on-demand', 'qos-provisioning'] as const;
export type ServeApi = (typeof SERVE_APIS)[number];

export interface ServeTarget {
  api: ServeApi;
  /** The bundle the provider serves (named by its QoD release). */
  bundle: ApiVersion;
  /** The API's own version (a QoS Provisioning version is in the bundle of the QoD release it shipped with). */
  apiVersion: string;
}

/** `serve --api --api-version`: the API is named or inferred from the version; QoS Provisioning defaults to 0.3.0 (the 1.1.0 bundle). */
export function serveTarget(api: string | undefined, version: string | undefined): ServeTarget {
  const provisioning = api === 'qos-provisioning' || (api === undefined && version !== undefined && isProvisioningVersion(version));
  if (provisioning) {
    const own = version ?? '0.3.0';
    if (!isProvisioningVersion(own)) throw new UsageError(`--api-version: QoS Provisioning has no version ${own}; known: ${PROVISIONING_VERSIONS.join(', ')}`);
    return { api: 'qos-provisioning', bundle: provisioningRulesFor(own).qodVersion, apiVersion: own };
  }
  const bundle = (version ?? DEFAULT_API_VERSION) as ApiVersion;
  if (!API_VERSIONS.includes(bundle)) throw new UsageError(`--api-version: QoD has no version ${bundle}; known: ${API_VERSIONS.join(', ')}`);
  return { api: 'quality-on-demand', bundle, apiVersion: bundle };
}

export interface ServeWorld {
  baseUrl: string;
  profilesUrl: string;
  apiVersion: ApiVersion;
  dialect: string;
  /** Set when serving QoS Provisioning for a run: its base URL and own version. */
  provisioning?: { url: string; version: ProvisioningVersion };
}

/** The config file's content (README "Config file"): the target, the version, the dialect and the operator data. */
export function serveConfig(world: ServeWorld): Record<string, unknown> {
  // A provisioning run: its operations hang off the provisioning base; the profiles come from the QoS Profiles API.
  if (world.provisioning) {
    return {
      baseUrl: world.provisioning.url,
      profilesUrl: world.profilesUrl,
      api: 'qos-provisioning',
      apiVersion: world.provisioning.version,
      ...(world.dialect === 'camara' ? {} : { dialect: world.dialect }),
      ...loadEmbeddedOperatorData(),
    };
  }
  return {
    baseUrl: world.baseUrl,
    // 0.8.1 has no QoS Profiles API; 0.10.1 serves it under the QoD base.
    ...(world.apiVersion === '0.8.1' ? {} : { profilesUrl: world.profilesUrl }),
    apiVersion: world.apiVersion,
    ...(world.dialect === 'camara' ? {} : { dialect: world.dialect }),
    ...loadEmbeddedOperatorData(),
  };
}

/** Writes it readable by the owner only: it holds the serve world's (test) tokens. */
export function writeServeConfig(path: string, world: ServeWorld): void {
  try {
    writeFileSync(path, `${JSON.stringify(serveConfig(world), null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? ' (its folder does not exist)' : code === 'EACCES' || code === 'EPERM' ? ' (no permission to write there)' : code === 'EISDIR' ? ' (a folder: give a file name)' : '';
    throw new UsageError(`cannot write config file ${path}: ${code ?? 'error'}${why}; give a path you can write to --write-config`);
  }
}
