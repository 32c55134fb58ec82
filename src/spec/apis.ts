// Which operations of a loaded bundle belong to the API under test. A bundle holds QoD, QoS
// Profiles and, from QoD 1.0.0, the QoS Provisioning document released with it; checks,
// inventories and coverage must see only the operations of the API they judge.
import { API_VERSIONS, type ApiId, type ApiVersion } from '../config/types.js';
import { manifestFor } from './manifest.js';
import type { ApiKind, LoadedSpec, OperationSpec } from './types.js';

/** A QoD run judges sessions and the QoS Profiles API it reads profiles from. */
export const QOD_APIS: readonly ApiKind[] = ['qod', 'profiles'];

/** A QoS Provisioning run judges the provisioning operations only. */
export const PROVISIONING_APIS: readonly ApiKind[] = ['provisioning'];

/** The document kinds whose operations a run of `api` judges. */
export function apisUnderTest(api: ApiId): readonly ApiKind[] {
  return api === 'qos-provisioning' ? PROVISIONING_APIS : QOD_APIS;
}

/** The operations (by operationId) whose API is one of `apis`, in document order. */
export function operationsOfApis(spec: Pick<LoadedSpec, 'operations'>, apis: readonly ApiKind[]): Record<string, OperationSpec> {
  return Object.fromEntries(Object.entries(spec.operations).filter(([, op]) => apis.includes(op.api)));
}

/** QoS Provisioning versions we bundle, each with the QoD release it shipped with (r2.2, r3.2, r4.1). */
export const PROVISIONING_VERSIONS = ['0.2.0', '0.3.0', '0.4.0-rc.1'] as const;
export type ProvisioningVersion = (typeof PROVISIONING_VERSIONS)[number];

/** The bundle (QoD release) a QoS Provisioning version ships in (specs/manifest.json). */
export function bundleOfProvisioning(version: ProvisioningVersion): ApiVersion {
  const bundle = API_VERSIONS.find((b) => manifestFor(b).provisioningVersion === version);
  if (!bundle) throw new Error(`specs/manifest.json: no bundle holds QoS Provisioning ${version}`);
  return bundle;
}

export function isProvisioningVersion(v: string): v is ProvisioningVersion {
  return (PROVISIONING_VERSIONS as readonly string[]).includes(v);
}

/** The QoS Provisioning version in the bundle of a QoD version (specs/manifest.json), if any. */
export function provisioningVersionOf(bundle: ApiVersion): ProvisioningVersion | undefined {
  const v = manifestFor(bundle).provisioningVersion;
  return v !== undefined && isProvisioningVersion(v) ? v : undefined;
}
