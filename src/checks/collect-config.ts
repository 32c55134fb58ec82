// The configuration checks are collected for when no run is going on (`qod-conformance checks`,
// the project's tests): a version, its spec files and a dialect; nothing else is read while
// collecting, and nothing is sent.
import { AREAS, DEFAULT_API, type ApiId, type ApiVersion, type RunConfig } from '../config/types.js';
import { toolVersion } from '../util/package-root.js';

export function collectionConfig(apiVersion: ApiVersion, opts: { specFiles?: string[]; dialect?: string; api?: ApiId } = {}): RunConfig {
  return {
    toolVersion: toolVersion(),
    api: opts.api ?? DEFAULT_API,
    apiVersion,
    dialect: opts.dialect ?? 'camara',
    baseUrl: 'http://collect.invalid',
    embedded: false,
    specFiles: opts.specFiles ?? [],
    operator: { tokens: {}, devices: {}, qosProfiles: {} },
    seed: 1,
    runs: 1,
    timeoutMs: 10_000,
    notificationTimeoutMs: 5_000,
    concurrency: 1,
    maxRps: 0,
    maxSessions: 0,
    propertySessions: 0,
    workers: 1,
    insecure: false,
    verbose: false,
    profile: 'full',
    areas: [...AREAS],
    checks: [],
    reportDir: '',
    ledgerFile: '',
    secrets: [],
  };
}
