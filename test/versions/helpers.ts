// Calling the reference provider of one QoD version and checking EVERY answer against that
// version's spec (through the spec layer), so each test also proves the version is conformant.
import { request } from 'undici';
import { expect } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import { startProvider, type ProviderOptions, type RunningProvider } from '../../src/provider/index.js';
import { loadSpec } from '../../src/spec/load.js';
import type { SpecValidators, Violation } from '../../src/spec/types.js';
import { createValidators } from '../../src/spec/validators.js';

export const TOKENS = {
  default: 'qodtok-default-3f9a61c2d84e',
  second: 'qodtok-second-client-b71e04a9',
  expired: 'qodtok-expired-5c2d8e17f0ab',
  missingScope: 'qodtok-missing-scope-9e4b2a7c',
  threeLegged: 'qodtok-three-legged-d13f6b8e',
} as const;

/** Fixture devices (fixtures/embedded.json). */
export const DEVICES = {
  known: { phoneNumber: '+34600000001' },
  knownIpv4: { publicAddress: '203.0.113.1', privateAddress: '10.0.0.1' },
  second: { phoneNumber: '+34600000002' },
  threeLegged: { phoneNumber: '+34600000030' },
  unknown: { phoneNumber: '+34699999999' },
  unsupported: { phoneNumber: '+34600000099' },
  pool: [{ phoneNumber: '+34600000011' }, { phoneNumber: '+34600000012' }, { phoneNumber: '+34600000013' }, { phoneNumber: '+34600000014' }],
} as const;

export const APP_SERVER = { ipv4Address: '198.51.100.10' };

const validators = new Map<ApiVersion, Promise<SpecValidators>>();
export function validatorsOf(version: ApiVersion): Promise<SpecValidators> {
  let v = validators.get(version);
  if (!v) validators.set(version, (v = loadSpec({ version }).then(createValidators)));
  return v;
}

export interface VersionProvider extends RunningProvider {
  version: ApiVersion;
}

export async function start(version: ApiVersion, opts: ProviderOptions = {}): Promise<VersionProvider> {
  const p = await startProvider({ ...opts, apiVersion: version });
  return Object.assign(p, { version });
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  violations: Violation[];
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  correlator?: string | null;
  api?: 'qod' | 'profiles';
  /** Skip the spec check (dialect bodies, broken requests to unknown paths). */
  unchecked?: boolean;
}

/** method + path relative to the API base; `operationId` decides which spec rules the answer must meet. */
export async function vcall(p: VersionProvider, operationId: string | undefined, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? TOKENS.default}`;
  if (opts.correlator) headers['x-correlator'] = opts.correlator;
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const base = opts.api === 'profiles' ? p.profilesUrl : p.baseUrl;
  const res = await request(base + path, { method: method as 'GET', headers, body: payload });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const violations = operationId
    ? (await validatorsOf(p.version)).validateResponse(operationId, {
        status: res.statusCode,
        contentType: flat['content-type'],
        headers: flat,
        body,
        bodyText: text,
        requestCorrelator: opts.correlator ?? undefined,
      })
    : [];
  if (!opts.unchecked) expect(violations, `QoD ${p.version} ${operationId} ${res.statusCode} ${text}`).toEqual([]);
  return { status: res.statusCode, headers: flat, body, text, violations };
}

/** Status and error body of the version: {status, code, message} or, in 0.8.1, {code, message}. */
export function expectVersionError(a: Answer, status: number, code: string, withStatusField = true): void {
  expect({ status: a.status, code: a.body?.code }, a.text).toEqual({ status, code });
  if (withStatusField) expect(a.body.status).toBe(status);
  else expect(a.body).not.toHaveProperty('status');
  expect(typeof a.body.message).toBe('string');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
