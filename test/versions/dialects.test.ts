// Operator dialects are data (fixtures/dialects/*.json): loading and consistency checks, the error
// bodies the reference provider writes in a dialect, and what the harness accepts from one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDialect,
  checkErrorBody,
  dialectRequestHeaders,
  dialectSecrets,
  dialectViolations,
  knownDialects,
  loadDialect,
  planErrorCheck,
  renderDialectError,
  type DialectFile,
} from '../../src/dialects/index.js';
import { UsageError } from '../../src/errors.js';
import { startProvider } from '../../src/provider/index.js';
import { start, vcall, type VersionProvider } from './helpers.js';

const res = (status: number, json: unknown) => ({ status, json, text: JSON.stringify(json) });

describe('dialect files', () => {
  it('ships camara, orange and tmobile, each consistent (relaxations match the data)', () => {
    expect(knownDialects()).toEqual(expect.arrayContaining(['camara', 'orange', 'tmobile']));
    for (const name of knownDialects()) expect(() => loadDialect(name)).not.toThrow();
    expect(loadDialect('camara').relaxes).toEqual([]);
    expect(
      loadDialect('orange')
        .relaxes.map((r) => r.check)
        .sort(),
    ).toEqual(['error-body-schema', 'error-code-values', 'error-status-field']);
    expect(
      loadDialect('tmobile')
        .relaxes.map((r) => r.check)
        .sort(),
    ).toEqual(['error-body-schema', 'error-status-field']);
  });

  it('an unknown dialect is a usage error naming the known ones', () => {
    expect(() => loadDialect('vodafone')).toThrow(UsageError);
    expect(() => loadDialect('vodafone')).toThrow(/unknown dialect "vodafone"; known dialects: .*camara.*orange.*tmobile/);
    expect(() => loadDialect('../camara')).toThrow(UsageError);
  });

  it('refuses data that relaxes nothing it changes, or relaxes without data', () => {
    const orange = JSON.parse(JSON.stringify(loadDialect('orange'))) as DialectFile;
    expect(checkDialect(orange, 'orange')).toBeUndefined();
    expect(checkDialect({ ...orange, relaxes: orange.relaxes.filter((r) => r.check !== 'error-code-values') }, 'orange')).toMatch(/codes is given but error-code-values is not relaxed/);
    expect(checkDialect({ ...orange, relaxes: orange.relaxes.filter((r) => r.check !== 'error-body-schema') }, 'orange')).toMatch(/error-body-schema is not relaxed/);
    expect(checkDialect({ ...orange, relaxes: [...orange.relaxes, { check: 'x-correlator-echo' as never, why: 'x' }] }, 'orange')).toMatch(/unknown relaxed check/);
    expect(checkDialect({ ...orange, relaxes: orange.relaxes.map((r) => ({ ...r, why: '' })) }, 'orange')).toMatch(/needs a "why"/);
    expect(checkDialect(orange, 'other')).toMatch(/expected "other"/);
  });
});

describe('error bodies in a dialect', () => {
  it('orange: numeric code from the published table, message, description', () => {
    const d = loadDialect('orange');
    expect(renderDialectError(d, { status: 401, code: 'UNAUTHENTICATED', message: 'expired' })).toEqual({ code: 41, message: 'Invalid credentials', description: 'expired' });
    expect(renderDialectError(d, { status: 401, code: 'UNAUTHENTICATED', message: 'expired', reason: 'expired-credentials' })).toMatchObject({ code: 42, message: 'Expired credentials' });
    expect(renderDialectError(d, { status: 400, code: 'INVALID_ARGUMENT', message: 'no body', reason: 'missing-body' })).toMatchObject({ code: 21 });
    expect(renderDialectError(d, { status: 400, code: 'OUT_OF_RANGE', message: 'port' })).toMatchObject({ code: 24 });
    expect(renderDialectError(d, { status: 404, code: 'NOT_FOUND', message: 'x' })).toMatchObject({ code: 60 });
    expect(renderDialectError(d, { status: 409, code: 'CONFLICT', message: 'x' })).toMatchObject({ code: 69 });
    // What the harness accepts: the table's codes for the expected CAMARA code (else for the status).
    const plan = planErrorCheck('0.10.1', d, { status: 400, codes: ['INVALID_ARGUMENT'] });
    expect(plan.codes).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28]);
    expect(checkErrorBody('0.10.1', d, plan, res(400, { code: 28, message: 'Invalid query-string parameter value', description: '…' }))).toBeUndefined();
    expect(checkErrorBody('0.10.1', d, plan, res(400, { code: 60, message: 'Resource not found' }))?.part).toBe('code');
    expect(checkErrorBody('0.10.1', d, plan, res(400, { status: 400, code: 'INVALID_ARGUMENT', message: 'x' }))?.part).toBe('code');
    // Version first, then dialect: 0.10.1 answers an unknown device with 400 (no 404 on create).
    expect(planErrorCheck('0.10.1', d, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'] })).toMatchObject({ statuses: [400], codes: [20, 21, 22, 23, 24, 25, 26, 27, 28] });
  });

  it('tmobile: reasonCode / systemMessage (the version code) / userMessage', () => {
    const d = loadDialect('tmobile');
    expect(renderDialectError(d, { status: 401, code: 'UNAUTHORIZED', message: 'Authorization failed: ...' })).toEqual({
      systemMessage: 'UNAUTHORIZED',
      userMessage: 'Authorization failed: ...',
      reasonCode: 'ERR-1091',
    });
    const plan = planErrorCheck('0.8.1', d, { status: 401, codes: ['UNAUTHENTICATED'] });
    expect(plan.codes).toEqual(['UNAUTHORIZED']);
    expect(checkErrorBody('0.8.1', d, plan, res(401, { reasonCode: 'ERR-1091', systemMessage: 'UNAUTHORIZED', userMessage: 'Authorization failed' }))).toBeUndefined();
    expect(checkErrorBody('0.8.1', d, plan, res(401, { reasonCode: 'ERR-1091', systemMessage: 'UNAUTHENTICATED', userMessage: 'x' }))?.part).toBe('code');
    expect(checkErrorBody('0.8.1', d, plan, res(401, { reasonCode: 'ERR-1091', systemMessage: 'UNAUTHORIZED', userMessage: '' }))?.part).toBe('message');
  });

  it('camara: the status field must repeat the HTTP status, except in 0.8.1 where ErrorInfo has none', () => {
    const d = loadDialect('camara');
    const plan = planErrorCheck('1.1.0', d, { status: 404, codes: ['NOT_FOUND'] });
    expect(checkErrorBody('1.1.0', d, plan, res(404, { status: 404, code: 'NOT_FOUND', message: 'x' }))).toBeUndefined();
    expect(checkErrorBody('1.1.0', d, plan, res(404, { status: 400, code: 'NOT_FOUND', message: 'x' }))?.part).toBe('status-field');
    expect(checkErrorBody('1.1.0', d, plan, res(404, { code: 60, message: 'Resource not found', description: 'x' }))?.part).toBe('status-field');
    expect(checkErrorBody('0.8.1', d, planErrorCheck('0.8.1', d, { status: 404, codes: ['NOT_FOUND'] }), res(404, { code: 'NOT_FOUND', message: 'x' }))).toBeUndefined();
  });

  it('response conformance: the dialect schema replaces ErrorInfo for error answers only', () => {
    const d = loadDialect('orange');
    const specViolations = [
      { operationId: 'getSession', where: '404', pointer: '', rule: 'required', message: "must have required property 'status'", specLocation: '#/components/schemas/ErrorInfo/required' },
      { operationId: 'getSession', where: '404', pointer: 'header:x-correlator', rule: 'x-correlator-echo', message: 'not echoed', specLocation: '#' },
    ];
    expect(dialectViolations(d, 'getSession', 404, { code: 60, message: 'Resource not found' }, specViolations).map((v) => v.rule)).toEqual(['x-correlator-echo']);
    const wrong = dialectViolations(d, 'getSession', 404, { code: 'NOT_FOUND', message: 'x' }, specViolations);
    expect(wrong.find((v) => v.rule === 'type')?.specLocation).toMatch(/fixtures\/dialects\/orange\.json#\/errorBody\/schema\/properties\/code\/type$/);
    expect(dialectViolations(d, 'getSession', 200, {}, specViolations)).toEqual(specViolations);
    expect(dialectViolations(loadDialect('camara'), 'getSession', 404, {}, specViolations)).toEqual(specViolations);
  });

  it('extra request headers: ${uuid} per request, ${env:NAME} only when set (and a secret)', () => {
    const d = loadDialect('tmobile');
    const a = dialectRequestHeaders(d, {});
    expect(a['x-transaction-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toHaveProperty('x-authorization');
    expect(dialectRequestHeaders(d, {})['x-transaction-id']).not.toBe(a['x-transaction-id']);
    expect(dialectRequestHeaders(d, { QOD_X_AUTHORIZATION: 'secret-x' })['x-authorization']).toBe('secret-x');
    expect(dialectSecrets(d, { QOD_X_AUTHORIZATION: 'secret-x' })).toEqual(['secret-x']);
    expect(dialectRequestHeaders(loadDialect('camara'), {})).toEqual({});
  });
});

describe('the reference provider speaks a dialect', () => {
  let orange: VersionProvider;
  let tmobile: VersionProvider;
  beforeAll(async () => {
    orange = await start('0.10.1', { dialect: 'orange' });
    tmobile = await start('0.8.1', { dialect: 'tmobile' });
  });
  afterAll(async () => {
    await orange.close();
    await tmobile.close();
  });

  it("orange: error bodies follow the Orange schema and code table; success bodies stay the spec's", async () => {
    const d = loadDialect('orange');
    const missing = await vcall(orange, 'getSession', 'GET', '/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6', { unchecked: true });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 60, message: 'Resource not found' });
    expect(dialectViolations(d, 'getSession', 404, missing.body, missing.violations)).toEqual([]);
    expect(missing.violations.length).toBeGreaterThan(0); // not a CAMARA ErrorInfo
    const noAuth = await vcall(orange, 'getSession', 'GET', '/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6', { token: null, unchecked: true });
    // The Orange 401 row by meaning: 40 missing credentials (41 invalid, 42 expired).
    expect(noAuth.body).toMatchObject({ code: 40, message: 'Missing credentials' });
    const profiles = await vcall(orange, 'getQosProfiles', 'GET', '/qos-profiles', { api: 'profiles' });
    expect(profiles.status).toBe(200);
  });

  it('tmobile: {reasonCode, systemMessage, userMessage} with the 0.8.1 codes', async () => {
    const bad = await vcall(tmobile, 'createSession', 'POST', '/sessions', { body: {}, unchecked: true });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ systemMessage: 'INVALID_INPUT', reasonCode: 'ERR-1000' });
    expect(typeof bad.body.userMessage).toBe('string');
    expect(dialectViolations(loadDialect('tmobile'), 'createSession', 400, bad.body, bad.violations)).toEqual([]);
  });

  it('an unknown dialect stops the provider before it starts', async () => {
    await expect(startProvider({ dialect: 'nope' })).rejects.toThrow(/unknown dialect "nope"/);
  });
});
