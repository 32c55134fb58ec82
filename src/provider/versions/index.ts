import type { ApiVersion } from '../../config/types.js';
import type { VersionStrategy } from './types.js';
import { v1_1_0 } from './v1.1.0.js';

export type { VersionStrategy } from './types.js';

const STRATEGIES: Partial<Record<ApiVersion, VersionStrategy>> = { '1.1.0': v1_1_0 };

export const PROVIDER_VERSIONS = Object.keys(STRATEGIES) as ApiVersion[];

export function versionStrategy(version: ApiVersion): VersionStrategy {
  const strategy = STRATEGIES[version];
  if (!strategy) {
    const error = new Error(
      `the reference provider does not implement QoD ${version} (available: ${PROVIDER_VERSIONS.join(', ')})`,
    ) as Error & { code: string };
    error.code = 'QOD_PROVIDER_VERSION';
    throw error;
  }
  return strategy;
}
