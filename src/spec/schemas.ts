// Named component schemas as one document sees them. A bundle's documents repeat names with other
// content (QoD's CloudEvent maps to EventQosStatusChanged, provisioning's to EventStatusChanged;
// StatusInfo differs), so a discriminator mapping or $ref name is resolved in its own document first.
import type { JsonSchema, LoadedSpec } from './types.js';

export function schemasFor(spec: Pick<LoadedSpec, 'schemas' | 'fileSchemas'>, file: string | undefined): Record<string, JsonSchema> {
  const own = file === undefined ? undefined : spec.fileSchemas?.[file];
  return own ? { ...spec.schemas, ...own } : spec.schemas;
}
