// flag > env > config file > default, for every option kind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/file.js';
import { buildPlan, DEFAULT_WORKERS, deriveProfilesUrl } from '../../src/config/plan.js';
import { fromConfigFile, fromEnv, mergeOptions } from '../../src/config/sources.js';
import { UsageError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';

function plan(flags: Record<string, unknown>, env: NodeJS.ProcessEnv, file: Record<string, unknown>) {
  const values = mergeOptions(flags as never, fromEnv(env), fromConfigFile(file, 'test'));
  return buildPlan(values, file, '/work');
}

describe('option precedence', () => {
  it('flag beats env beats config file beats default', () => {
    expect(plan({}, {}, {}).runs).toBe(100);
    expect(plan({}, {}, { runs: 7 }).runs).toBe(7);
    expect(plan({}, { QOD_RUNS: '8' }, { runs: 7 }).runs).toBe(8);
    expect(plan({ runs: 9 }, { QOD_RUNS: '8' }, { runs: 7 }).runs).toBe(9);
  });

  it('--workers: one per CPU by default (2 to 4), never more than --concurrency, at least 1', () => {
    expect(plan({}, {}, {}).workers).toBe(DEFAULT_WORKERS);
    expect(DEFAULT_WORKERS).toBeGreaterThanOrEqual(2);
    expect(DEFAULT_WORKERS).toBeLessThanOrEqual(4);
    expect(plan({ workers: 3 }, {}, {}).workers).toBe(3);
    expect(plan({ workers: 3, concurrency: 2 }, {}, {}).workers).toBe(2);
    expect(plan({}, { QOD_WORKERS: '1' }, {}).workers).toBe(1);
    expect(() => plan({ workers: 0 }, {}, {})).toThrow(/--workers must be ≥ 1/);
  });

  it('--provider-latency is the latency variant of the embedded provider, and only of it', () => {
    expect(plan({}, {}, {}).concurrency).toBe(16);
    expect(plan({ providerLatency: 100 }, {}, {}).target).toMatchObject({ embedded: true, variants: ['latency=100'] });
    expect(plan({}, { QOD_PROVIDER_LATENCY: '50' }, {}).target).toMatchObject({ variants: ['latency=50'] });
    expect(plan({ providerLatency: 0 }, {}, {}).target).toMatchObject({ variants: [] });
    expect(() => plan({ providerLatency: 100, variant: ['latency=20'] }, {}, {})).toThrow(UsageError);
    expect(() => plan({ providerLatency: 100, baseUrl: 'https://api.example.com/quality-on-demand/v1' }, {}, {})).toThrow(/only applies to the built-in provider/);
  });

  it('lists and booleans come from env too', () => {
    const p = plan({}, { QOD_ONLY: 'auth,headers', QOD_INSECURE: 'true' }, {});
    expect(p.areas).toEqual(['auth', 'headers']);
    expect(p.insecure).toBe(true);
  });

  it('--skip removes areas from the selection', () => {
    expect(plan({ skip: ['notifications'] }, {}, {}).areas).not.toContain('notifications');
  });

  it('a bad env value is a usage error naming the variable', () => {
    expect(() => fromEnv({ QOD_TIMEOUT: 'soon' })).toThrow(/QOD_TIMEOUT/);
    expect(() => fromEnv({ QOD_ONLY: 'everything' })).toThrow(UsageError);
  });

  it('no --base-url means the embedded provider with its fixture data', () => {
    const p = plan({}, {}, {});
    expect(p.target.embedded).toBe(true);
    expect(p.operator.tokens.expired).toBeTruthy();
  });

  it('external targets take operator data only from the config file', () => {
    const p = plan({ baseUrl: 'https://api.example.com/quality-on-demand/v1' }, {}, { tokens: { expired: 'x-expired' } });
    expect(p.target).toMatchObject({ embedded: false, profilesUrl: 'https://api.example.com/qos-profiles/v1' });
    expect(p.operator.tokens).toEqual({ expired: 'x-expired' });
    expect(p.operator.devices.known).toBeUndefined();
  });

  it('--fault with --base-url is refused', () => {
    expect(() => plan({ baseUrl: 'https://x.example/quality-on-demand/v1', fault: ['no-expiry'] }, {}, {})).toThrow(UsageError);
  });

  it('config files are validated and unknown keys named', () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ baseUrl: 'https://x.example/qod/v0', runs: 3, tokens: { default: 't' } }));
    expect(readConfigFile(good).runs).toBe(3);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ runz: 3 }));
    expect(() => readConfigFile(bad)).toThrow(/unknown key "runz"/);
  });
});

describe('profiles URL derivation', () => {
  it('follows the standard path form', () => {
    expect(deriveProfilesUrl('https://a.example/x/quality-on-demand/v1', '1.1.0').url).toBe('https://a.example/x/qos-profiles/v1');
    expect(deriveProfilesUrl('https://a.example/x/quality-on-demand/v1rc3', '1.2.0-rc.3').url).toBe('https://a.example/x/qos-profiles/v1rc3');
  });
  it('says why when it cannot', () => {
    const r = deriveProfilesUrl('https://api.orange.com/camara/quality-on-demand/orange-lab/qod/v0', '1.1.0');
    expect(r.url).toBeUndefined();
    expect(r.reason).toContain('--profiles-url');
    expect(deriveProfilesUrl('https://a.example/qod/v0', '0.10.1').url).toBe('https://a.example/qod/v0');
  });
});
