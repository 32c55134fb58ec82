// Formats used by the QoD documents, registered on an Ajv instance.
import type { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext the default import is module.exports, whose
// `default` property is the plugin (both are the same function at run time).
const addFormats: FormatsPlugin = (formatsModule as unknown as { default?: FormatsPlugin }).default ?? (formatsModule as unknown as FormatsPlugin);

/** Absolute http(s) URL; ajv-formats' own `url` rejects localhost and private addresses. */
function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function addQodFormats(ajv: Ajv): void {
  addFormats(ajv, {
    mode: 'full',
    formats: ['date-time', 'uri', 'uri-reference', 'ipv4', 'ipv6', 'uuid', 'int32', 'int64', 'date', 'time'],
  });
  ajv.addFormat('url', { type: 'string', validate: isUrl });
  // QosProfileName carries the non-standard `format: string` (0.10.1 to 1.1.0): no constraint.
  ajv.addFormat('string', { type: 'string', validate: () => true });
}
