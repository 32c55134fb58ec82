// QoD 1.0.0 (r2.2): 1.1.0 without INVALID_SINK and QOS_PROFILE_NOT_APPLICABLE (the error table in
// versions/rules.ts renames them), with IDENTIFIER_MISMATCH: several identifiers must name the same
// device, and SessionInfo.device echoes the device as given. x-correlator pattern D1 and
// AUTHENTICATION_REQUIRED come from the spec.
import type { DevicePolicy } from './compat.js';
import { deviceRuleHandlers } from './device-rule-handlers.js';
import { manifestFor } from '../../spec/manifest.js';
import type { VersionStrategy } from './types.js';

const devices: DevicePolicy = { crossCheck: true, threeLegged: 'must-not-send', echoAsGiven: true };

export const v1_0_0: VersionStrategy = {
  apiVersion: '1.0.0',
  qodBasePath: '/quality-on-demand/v1',
  profilesBasePath: '/qos-profiles/v1',
  provisioningBasePath: manifestFor('1.0.0').basePaths.provisioning,
  eventType: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
  usableCredentialTypes: ['ACCESSTOKEN'],
  unusableCredentialCode: 'INVALID_CREDENTIAL',
  handlers: deviceRuleHandlers(devices),
};
