// Our bundled OpenAPI documents must say the same as the official CAMARA files: same paths,
// operations, status codes, parameters, schema constraints, headers and scopes. Texts and
// examples may differ. Covers the QoS Provisioning document of each bundle too.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/config/types.js';
import { asObject } from '../../src/spec/json.js';
import { diffNormalized, formatDifferences, normalizeDocument } from '../../src/spec/normalize.js';
import { bundledPairs, officialRoot } from './official.js';

const missing = !existsSync(officialRoot);
const reason = '../shared/camara/specs not found: drift test needs the official CAMARA files';

async function normalized(file: string) {
  return normalizeDocument(asObject(await new SwaggerParser().validate(file)));
}

describe.skipIf(missing)(`bundled specs vs official CAMARA files${missing ? ` (skipped: ${reason})` : ''}`, () => {
  for (const version of API_VERSIONS) {
    for (const { ours, official } of bundledPairs(version)) {
      it(`${version} ${basename(ours)}`, async () => {
        expect(existsSync(official), `official file ${official} missing`).toBe(true);
        const diffs = diffNormalized(await normalized(ours), await normalized(official));
        expect(diffs, `${ours} drifts from ${official}:\n${formatDifferences(diffs)}`).toEqual([]);
      });
    }
  }
});

describe('drift normaliser', () => {
  it('reports a changed constraint with its path', () => {
    const base = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { Port: { type: 'integer', minimum: 0, maximum: 65535 } } },
    };
    const changed = structuredClone(base);
    changed.components.schemas.Port.minimum = 1;
    const diffs = diffNormalized(normalizeDocument(changed), normalizeDocument(base));
    expect(formatDifferences(diffs)).toBe('/schemas/Port/minimum: ours 1 vs official 0');
  });

  it('ignores descriptions, examples and constraint-free allOf members', () => {
    const a = { openapi: '3.0.3', info: { version: '1' }, paths: {}, components: { schemas: { X: { type: 'string', allOf: [{ example: 'x' }] } } } };
    const b = { openapi: '3.0.3', info: { version: '1' }, paths: {}, components: { schemas: { X: { type: 'string', description: 'other' } } } };
    expect(diffNormalized(normalizeDocument(a), normalizeDocument(b))).toEqual([]);
  });
});
