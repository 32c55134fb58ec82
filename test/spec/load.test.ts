import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/config/types.js';
import { listBundledSpecs } from '../../src/spec/list.js';
import { isSpecLoadError, loadSpec, SpecLoadError } from '../../src/spec/load.js';
import { operationsOfApis, PROVISIONING_APIS, QOD_APIS } from '../../src/spec/apis.js';
import { bundledFiles, manifestFor, readManifest } from '../../src/spec/manifest.js';
import { apiOfPath, apiOfServerUrl } from '../../src/spec/operations.js';
import { schemasFor } from '../../src/spec/schemas.js';
import { bundledPairs, officialRoot } from './official.js';

const noOfficial = !existsSync(officialRoot);

const SESSION_OPS = ['createSession', 'getSession', 'deleteSession'];

describe('manifest', () => {
  it('lists every version with existing files', () => {
    const manifest = readManifest();
    for (const v of API_VERSIONS) {
      expect(manifest[v].files.length).toBeGreaterThan(0);
      for (const f of bundledFiles(v)) expect(existsSync(f), f).toBe(true);
    }
    expect(manifest['1.1.0'].basePaths).toEqual({ qod: '/quality-on-demand/v1', profiles: '/qos-profiles/v1', provisioning: '/qos-provisioning/v0.3' });
    expect(manifest['0.8.1'].basePaths).toEqual({ qod: '/qod/v0' });
  });

  it('bundles the QoS Provisioning document released with each QoD version (r2.2, r3.2, r4.1)', () => {
    const provisioning = API_VERSIONS.map((v) => [v, manifestFor(v).provisioningVersion, manifestFor(v).basePaths.provisioning]);
    expect(provisioning).toEqual([
      ['0.8.1', undefined, undefined],
      ['0.10.1', undefined, undefined],
      ['0.11.1', undefined, undefined],
      ['1.0.0', '0.2.0', '/qod-provisioning/v0.2'],
      ['1.1.0', '0.3.0', '/qos-provisioning/v0.3'],
      ['1.2.0-rc.3', '0.4.0-rc.1', '/qos-provisioning/v0.4rc1'],
    ]);
  });

  it('listBundledSpecs gives version, files and base paths', () => {
    const list = listBundledSpecs();
    expect(list.map((s) => s.version)).toEqual([...API_VERSIONS]);
    const rc = list.find((s) => s.version === '1.2.0-rc.3');
    expect(rc?.basePaths.qod).toBe('/quality-on-demand/v1rc3');
    expect(rc?.files.every((f) => f.startsWith('/'))).toBe(true);
  });
});

describe('loadSpec (bundled)', () => {
  // loadSpec trusts the bundled documents (no OpenAPI validation at run time): this is the check.
  it.each([...API_VERSIONS])('the bundled %s documents are valid OpenAPI 3', async (version) => {
    for (const file of bundledFiles(version)) await expect(new SwaggerParser().validate(file)).resolves.toBeDefined();
  });

  for (const version of API_VERSIONS) {
    it(`loads ${version}`, async () => {
      const spec = await loadSpec({ version });
      expect(spec.bundled).toBe(true);
      expect(spec.version).toBe(version);
      for (const f of spec.files) {
        expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        // A provisioning document carries its own version, the one released with this QoD version.
        expect(f.version).toBe(f.apis.includes('provisioning') ? manifestFor(version).provisioningVersion : version);
      }
      for (const id of SESSION_OPS) expect(spec.operations[id]?.api, id).toBe('qod');
      expect(spec.schemas.SessionInfo).toBeDefined();
      expect(spec.operations.createSession.callbackBody).toBeDefined();
    });
  }

  it('1.1.0: operations, APIs, scopes, callback', async () => {
    const spec = await loadSpec({ version: '1.1.0' });
    expect(Object.keys(operationsOfApis(spec, QOD_APIS)).sort()).toEqual(
      ['createSession', 'deleteSession', 'extendQosSessionDuration', 'getQosProfile', 'getSession', 'retrieveQoSProfiles', 'retrieveSessionsByDevice'].sort(),
    );
    const create = spec.operations.createSession;
    expect(create.method).toBe('post');
    expect(create.path).toBe('/sessions');
    expect(create.scopes).toEqual(['quality-on-demand:sessions:create']);
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '403', '404', '409', '422', '429']);
    expect(create.responses['201'].headers['x-correlator']).toMatchObject({ required: false });
    expect(create.callbackBody?.contentType).toBe('application/cloudevents+json');
    expect(spec.operations.getQosProfile.api).toBe('profiles');
    expect(spec.operations.getQosProfile.scopes).toEqual(['qos-profiles:read']);
    expect(spec.files.map((f) => f.serverUrl)).toEqual(['{apiRoot}/quality-on-demand/v1', '{apiRoot}/qos-profiles/v1', '{apiRoot}/qos-provisioning/v0.3']);
  });

  it.each([
    ['1.0.0', ['triggerProvisioning', 'getProvisioningById', 'revokeProvisioning', 'retrieveProvisioningByDevice'], 'qod-provisioning:device-qos'],
    ['1.1.0', ['createQosAssignment', 'getQosAssignmentById', 'revokeQosAssignment', 'getQosAssignmentByDevice'], 'qos-provisioning:qos-assignments'],
    ['1.2.0-rc.3', ['createQosAssignment', 'getQosAssignmentById', 'revokeQosAssignment', 'getQosAssignmentByDevice'], 'qos-provisioning:qos-assignments'],
  ] as const)('%s: the provisioning operations, apart from the QoD ones', async (version, ids, scope) => {
    const spec = await loadSpec({ version });
    const ops = operationsOfApis(spec, PROVISIONING_APIS);
    expect(Object.keys(ops).sort()).toEqual([...ids].sort());
    const [create, get, revoke, byDevice] = ids.map((id) => ops[id]!);
    expect([create.method, get.method, revoke.method, byDevice.method]).toEqual(['post', 'get', 'delete', 'post']);
    expect([create, get, revoke, byDevice].map((op) => op.scopes)).toEqual(['create', 'read', 'delete', 'read-by-device'].map((s) => [`${scope}:${s}`]));
    expect(Object.keys(revoke.responses).sort()).toEqual(['202', '204', '400', '401', '403', '404', '429']);
    expect(create.callbackBody?.contentType).toBe('application/cloudevents+json');
    for (const op of Object.values(operationsOfApis(spec, QOD_APIS))) expect(op.api).not.toBe('provisioning');
  });

  it('a component name means what its own document says (fileSchemas, schemasFor)', async () => {
    const spec = await loadSpec({ version: '1.1.0' });
    const provisioning = spec.operations.createQosAssignment!.file;
    const typeEnum = (s: unknown) => (s as { properties: { type: { enum: string[] } } }).properties.type.enum;
    expect(typeEnum(spec.schemas.CloudEvent)).toEqual(['org.camaraproject.quality-on-demand.v1.qos-status-changed']);
    expect(typeEnum(schemasFor(spec, provisioning).CloudEvent)).toEqual(['org.camaraproject.qos-provisioning.v0.status-changed']);
    expect(schemasFor(spec, spec.operations.createSession!.file).CloudEvent).toBe(spec.schemas.CloudEvent);
    expect(schemasFor(spec, undefined)).toBe(spec.schemas);
  });

  it('0.10.1: one file, API kind by path', async () => {
    const spec = await loadSpec({ version: '0.10.1' });
    expect(spec.files).toHaveLength(1);
    expect(spec.files[0].apis).toEqual(['qod', 'profiles']);
    expect(spec.operations.getQosProfiles.api).toBe('profiles');
    expect(spec.operations.createSession.api).toBe('qod');
    expect(spec.operations.createSession.scopes).toEqual(['qod-sessions-write']);
  });

  it('0.8.1: server variables other than apiRoot take their default', async () => {
    const spec = await loadSpec({ version: '0.8.1' });
    expect(spec.files[0].serverUrl).toBe('{apiRoot}/qod/v0');
    expect(spec.operations.postNotification).toBeDefined();
  });
});

describe.skipIf(noOfficial)('loadSpec (official CAMARA files via files)', () => {
  for (const version of API_VERSIONS) {
    it(`loads the official ${version} files unchanged`, async () => {
      const files = bundledPairs(version).map((p) => p.official);
      const spec = await loadSpec({ version, files });
      const bundled = await loadSpec({ version });
      expect(spec.bundled).toBe(false);
      expect(Object.keys(spec.operations).sort()).toEqual(Object.keys(bundled.operations).sort());
      expect(Object.keys(spec.schemas).sort()).toEqual(Object.keys(bundled.schemas).sort());
      for (const [id, op] of Object.entries(bundled.operations)) {
        expect(spec.operations[id].api, id).toBe(op.api);
        expect(spec.operations[id].scopes, id).toEqual(op.scopes);
      }
      expect(spec.basePaths).toEqual(bundled.basePaths);
    });
  }
});

describe('API kind of a path or server URL', () => {
  it('knows the QoS Provisioning paths of 0.2.0 and 0.3.0+ and both base path names', () => {
    expect(['/qos-assignments', '/qos-assignments/{assignmentId}', '/retrieve-qos-assignment', '/device-qos', '/device-qos/{provisioningId}', '/retrieve-device-qos'].map(apiOfPath)).toEqual(
      Array(6).fill('provisioning'),
    );
    expect(['/sessions', '/retrieve-sessions', '/qos-profiles/{name}', '/retrieve-qos-profiles'].map(apiOfPath)).toEqual(['qod', 'qod', 'profiles', 'profiles']);
    expect(['{apiRoot}/qos-provisioning/v0.3', '{apiRoot}/qod-provisioning/v0.2', '{apiRoot}/qos-profiles/v1', '{apiRoot}/quality-on-demand/v1', '{apiRoot}/qod/v0'].map(apiOfServerUrl)).toEqual([
      'provisioning',
      'provisioning',
      'profiles',
      'qod',
      undefined,
    ]);
  });
});

describe('loadSpec errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qod-spec-'));

  async function failure(content: string | undefined, name: string): Promise<SpecLoadError> {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    try {
      await loadSpec({ version: '1.1.0', files: [file] });
    } catch (err) {
      expect(isSpecLoadError(err)).toBe(true);
      const e = err as SpecLoadError;
      expect(e).toBeInstanceOf(SpecLoadError);
      expect(e.name).toBe('SpecLoadError');
      expect(e.code).toBe('QOD_SPEC_INVALID');
      expect(e.message).not.toContain('\n');
      expect(e.message).toContain(file);
      return e;
    }
    throw new Error('expected SpecLoadError');
  }

  it('missing file', async () => {
    expect((await failure(undefined, 'absent.yaml')).message).toMatch(/ENOENT/);
  });

  it('not YAML', async () => {
    await failure('openapi: [3.0.3\n  : : {\n', 'broken.yaml');
  });

  it('not a valid OpenAPI document', async () => {
    const e = await failure('openapi: 3.0.3\ninfo:\n  title: x\npaths:\n  /a:\n    get:\n      responses: 12\n', 'invalid.yaml');
    expect(e.message.length).toBeGreaterThan(file('invalid.yaml').length + 2);
  });

  it('Swagger 2 is refused', async () => {
    await failure('swagger: "2.0"\ninfo:\n  title: x\n  version: "1"\npaths: {}\n', 'swagger2.yaml');
  });

  function file(name: string): string {
    return join(dir, name);
  }
});
