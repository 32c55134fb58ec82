// The bundled documents per version, for the `qod-conformance specs` command.
import { API_VERSIONS, type ApiVersion } from '../config/types.js';
import { bundledFiles, manifestFor } from './manifest.js';
import type { ApiKind } from './types.js';

export interface BundledSpecInfo {
  version: ApiVersion;
  /** Absolute paths of the documents. */
  files: string[];
  /** Base path per API below {apiRoot}. */
  basePaths: Partial<Record<ApiKind, string>>;
}

export function listBundledSpecs(): BundledSpecInfo[] {
  return API_VERSIONS.map((version) => ({
    version,
    files: bundledFiles(version),
    basePaths: { ...manifestFor(version).basePaths },
  }));
}
