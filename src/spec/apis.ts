// Which operations of a loaded bundle belong to the API under test. A bundle holds QoD, QoS
// Profiles and, from QoD 1.0.0, the QoS Provisioning document released with it; checks,
// inventories and coverage must see only the operations of the API they judge.
import type { ApiKind, LoadedSpec, OperationSpec } from './types.js';

/** A QoD run judges sessions and the QoS Profiles API it reads profiles from. */
export const QOD_APIS: readonly ApiKind[] = ['qod', 'profiles'];

/** A QoS Provisioning run judges the provisioning operations only. */
export const PROVISIONING_APIS: readonly ApiKind[] = ['provisioning'];

/** The operations (by operationId) whose API is one of `apis`, in document order. */
export function operationsOfApis(spec: Pick<LoadedSpec, 'operations'>, apis: readonly ApiKind[]): Record<string, OperationSpec> {
  return Object.fromEntries(Object.entries(spec.operations).filter(([, op]) => apis.includes(op.api)));
}
