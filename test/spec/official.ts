// Where the official CAMARA file matching one of our bundled documents lives under
// ../shared/camara/specs: QoD and QoS Profiles by QoD version, QoS Provisioning by its own version.
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiVersion } from '../../src/config/types.js';
import { manifestFor, specsDir, type ManifestFile } from '../../src/spec/manifest.js';

export const officialRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'camara', 'specs');

export interface BundledPair {
  entry: ManifestFile;
  ours: string;
  official: string;
}

export function bundledPairs(version: ApiVersion): BundledPair[] {
  const bundle = manifestFor(version);
  return bundle.files.map((entry) => {
    const ours = join(specsDir(), entry.file);
    const official = entry.apis.includes('provisioning') ? join(officialRoot, 'provisioning', bundle.provisioningVersion ?? '?', basename(ours)) : join(officialRoot, version, basename(ours));
    return { entry, ours, official };
  });
}
