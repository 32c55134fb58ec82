import { manifestFor } from '../../spec/manifest.js';
import type { VersionStrategy } from './types.js';

export const v1_1_0: VersionStrategy = {
  apiVersion: '1.1.0',
  qodBasePath: '/quality-on-demand/v1',
  profilesBasePath: '/qos-profiles/v1',
  provisioningBasePath: manifestFor('1.1.0').basePaths.provisioning,
  eventType: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
  // PLAIN and REFRESHTOKEN are still in the 1.1.0 enum but "MUST NOT be used": 400 INVALID_CREDENTIAL
  // (the spec's example, and scenario 400.6 at r3.2).
  usableCredentialTypes: ['ACCESSTOKEN'],
  unusableCredentialCode: 'INVALID_CREDENTIAL',
};
