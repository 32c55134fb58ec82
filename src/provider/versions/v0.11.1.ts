// QoD 0.11.1 (r1.3): base /v0.11, the 0.11.1 device codes (DEVICE_NOT_FOUND, UNIDENTIFIABLE_DEVICE,
// DEVICE_IDENTIFIERS_MISMATCH, DEVICE_NOT_APPLICABLE, INVALID_TOKEN_CONTEXT: the error table in
// versions/rules.ts), several identifiers cross-checked, and a 3-legged token may come with a
// body device that names the same device (else 403 INVALID_TOKEN_CONTEXT). Event type
// org.camaraproject.quality-on-demand.v0.qos-status-changed; `sink` has format url (schema).
import type { DevicePolicy } from './compat.js';
import { deviceRuleHandlers } from './device-rule-handlers.js';
import type { VersionStrategy } from './types.js';

const devices: DevicePolicy = { crossCheck: true, threeLegged: 'must-match', echoAsGiven: true };

export const v0_11_1: VersionStrategy = {
  apiVersion: '0.11.1',
  qodBasePath: '/quality-on-demand/v0.11',
  profilesBasePath: '/qos-profiles/v0.11',
  eventType: 'org.camaraproject.quality-on-demand.v0.qos-status-changed',
  // PLAIN and REFRESHTOKEN are in the enum but "only ACCESSTOKEN may be used" (400 INVALID_CREDENTIAL example).
  usableCredentialTypes: ['ACCESSTOKEN'],
  unusableCredentialCode: 'INVALID_CREDENTIAL',
  handlers: deviceRuleHandlers(devices),
};
