// QoD 1.2.0-rc.3 (r4.1): 1.1.0 plus the prose rule "a property the spec does not declare, at any
// depth, is 400 INVALID_ARGUMENT", and PRIVATE_KEY_JWT sink credentials → 422
// PRIVATE_KEY_JWT_NOT_CONFIGURED (no key set agreed with the reference provider). Port minimum 1,
// the application-server oneOf and the length limits come from the spec's schemas.
import type { OperationHandler } from '../context.js';
import { HANDLERS } from '../handlers/index.js';
import { privateKeyJwtNotConfigured } from '../sink-rules.js';
import { rejectUndeclared } from './compat.js';
import { manifestFor } from '../../spec/manifest.js';
import type { VersionStrategy } from './types.js';

function strict(operationId: string, base: OperationHandler): OperationHandler {
  return {
    precheck(ctx, body) {
      rejectUndeclared(ctx, operationId, body);
      base.precheck?.(ctx, body);
    },
    handle: base.handle,
  };
}

const createSession: OperationHandler = {
  precheck: strict('createSession', HANDLERS.createSession!).precheck,
  handle(ctx, req) {
    const type = (req.body as { sinkCredential?: { credentialType?: string } }).sinkCredential?.credentialType;
    if (type === 'PRIVATE_KEY_JWT' && !ctx.faults.has('plain-credential-accepted')) {
      throw privateKeyJwtNotConfigured();
    }
    return HANDLERS.createSession!.handle(ctx, req);
  },
};

export const v1_2_0_rc_3: VersionStrategy = {
  apiVersion: '1.2.0-rc.3',
  qodBasePath: '/quality-on-demand/v1rc3',
  profilesBasePath: '/qos-profiles/v1rc3',
  provisioningBasePath: manifestFor('1.2.0-rc.3').basePaths.provisioning,
  eventType: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
  // ACCESSTOKEN is used; PRIVATE_KEY_JWT is valid but not configured (handled above, after schema validation).
  usableCredentialTypes: ['ACCESSTOKEN', 'PRIVATE_KEY_JWT'],
  unusableCredentialCode: 'INVALID_CREDENTIAL',
  handlers: {
    createSession,
    extendQosSessionDuration: strict('extendQosSessionDuration', HANDLERS.extendQosSessionDuration!),
    retrieveSessionsByDevice: strict('retrieveSessionsByDevice', HANDLERS.retrieveSessionsByDevice!),
    retrieveQoSProfiles: strict('retrieveQoSProfiles', HANDLERS.retrieveQoSProfiles!),
  },
};
