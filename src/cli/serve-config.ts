// serve --write-config FILE: a config file for a run against this serve world, so that serve-then-run
// needs no retyping. The operator data is the same the embedded run uses (loadEmbeddedOperatorData):
// one source, so both always agree with the provider's fixtures.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadEmbeddedOperatorData } from '../config/plan.js';
import type { ApiId, ApiVersion } from '../config/types.js';
import { UsageError } from '../errors.js';

export interface ServeWorld {
  baseUrl: string;
  profilesUrl: string;
  apiVersion: ApiVersion;
  dialect: string;
  /** Set when the config is for another API than QoD: its base URL and own version. */
  other?: { api: ApiId; url: string; version: string };
}

/** The config file's content (README "Config file"): the target, the version, the dialect and the operator data. */
export function serveConfig(world: ServeWorld): Record<string, unknown> {
  // A QoS Provisioning run: its operations hang off its own base; the profiles come from the QoS Profiles API.
  if (world.other) {
    return {
      baseUrl: world.other.url,
      profilesUrl: world.profilesUrl,
      api: world.other.api,
      apiVersion: world.other.version,
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

/** Writes it readable by the owner only: it holds the serve world's (test) tokens. Written beside and
 *  renamed into place, so a reader waiting for the file (a CI step) never sees it half written. */
export function writeServeConfig(path: string, world: ServeWorld): void {
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, `${JSON.stringify(serveConfig(world), null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? ' (its folder does not exist)' : code === 'EACCES' || code === 'EPERM' ? ' (no permission to write there)' : code === 'EISDIR' ? ' (a folder: give a file name)' : '';
    throw new UsageError(`cannot write config file ${path}: ${code ?? 'error'}${why}; give a path you can write to --write-config`);
  }
}
