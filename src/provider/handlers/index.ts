// operationId → handler. Routes are built from the spec for exactly these operations (QoD, QoS Profiles, QoS Provisioning).
import type { OperationHandler } from '../context.js';
import { getQosProfile, retrieveQoSProfiles } from './profiles.js';
import { PROVISIONING_HANDLERS } from './provisioning.js';
import { createSession, deleteSession, extendQosSessionDuration, getSession, retrieveSessionsByDevice } from './sessions.js';

export const HANDLERS: Readonly<Record<string, OperationHandler>> = {
  createSession,
  getSession,
  deleteSession,
  extendQosSessionDuration,
  retrieveSessionsByDevice,
  retrieveQoSProfiles,
  getQosProfile,
  ...PROVISIONING_HANDLERS,
};
