// Public surface of the spec layer.
export type * from './types.js';
export { loadSpec, SpecLoadError, isSpecLoadError, type LoadSpecOptions } from './load.js';
export { createValidators, describeViolation } from './validators.js';
export { listBundledSpecs, type BundledSpecInfo } from './list.js';
export { readManifest, manifestFor, bundledFiles, specsDir } from './manifest.js';
export { normalizeDocument, normalizeSchema, diffNormalized, formatDifferences } from './normalize.js';
export {
  apisUnderTest,
  isProvisioningVersion,
  operationsOfApis,
  provisioningVersionOf,
  PROVISIONING_APIS,
  bundleOfProvisioning,
  PROVISIONING_VERSIONS,
  QOD_APIS,
  type ProvisioningVersion,
} from './apis.js';
