import type { ApiVersion } from '../../config/types.js';
import type { VersionStrategy } from './types.js';
import { v0_10_1 } from './v0.10.1.js';
import { v0_11_1 } from './v0.11.1.js';
import { v0_8_1 } from './v0.8.1.js';
import { v1_0_0 } from './v1.0.0.js';
import { v1_1_0 } from './v1.1.0.js';
import { v1_2_0_rc_3 } from './v1.2.0-rc.3.js';

export type { VersionStrategy } from './types.js';

const STRATEGIES: Partial<Record<ApiVersion, VersionStrategy>> = {
  '0.8.1': v0_8_1,
  '0.10.1': v0_10_1,
  '0.11.1': v0_11_1,
  '1.0.0': v1_0_0,
  '1.1.0': v1_1_0,
  '1.2.0-rc.3': v1_2_0_rc_3,
};

export const PROVIDER_VERSIONS = Object.keys(STRATEGIES) as ApiVersion[];

export function versionStrategy(version: ApiVersion): VersionStrategy {
  const strategy = STRATEGIES[version];
  if (!strategy) {
    const error = new Error(`the reference provider does not implement QoD ${version} (available: ${PROVIDER_VERSIONS.join(', ')})`) as Error & { code: string };
    error.code = 'QOD_PROVIDER_VERSION';
    throw error;
  }
  return strategy;
}
