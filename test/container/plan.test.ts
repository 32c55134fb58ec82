// The container options without any engine: what --image and its companions turn into, and the
// usage errors for what does not fit together.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/config/plan.js';
import { fromEnv, mergeOptions, type OptionValues } from '../../src/config/sources.js';
import { containerSecrets, engineMissingMessage } from '../../src/container/start.js';
import { LogTail } from '../../src/container/logs.js';

const plan = (values: OptionValues) => buildPlan(values, {}, '/tmp');
const target = (values: OptionValues) => {
  const t = plan(values).target;
  if (t.embedded) throw new Error('expected a non-embedded target');
  return t;
};

describe('--image plan', () => {
  it('derives the standard base path of the version and passes the port as env PORT', () => {
    const t = target({ image: 'acme/qod:1.2', containerPort: 8080, env: ['API_KEY=k=v,w', 'MODE=test'] });
    expect(t.baseUrl).toBe('http://127.0.0.1:8080/quality-on-demand/v1');
    expect(t.profilesUrl).toBe('http://127.0.0.1:8080/qos-profiles/v1');
    expect(t.container).toMatchObject({ image: 'acme/qod:1.2', port: 8080, env: { API_KEY: 'k=v,w', MODE: 'test', PORT: '8080' }, wait: { kind: 'port' } });
    expect(target({ image: 'x', containerPort: 8080, apiVersion: '0.11.1' }).baseUrl).toBe('http://127.0.0.1:8080/quality-on-demand/v0.11');
  });

  it('--base-path overrides the path; --base-url wins over both', () => {
    expect(target({ image: 'x', containerPort: 9000, basePath: '/qod/v1/' }).baseUrl).toBe('http://127.0.0.1:9000/qod/v1');
    expect(target({ image: 'x', containerPort: 9000, baseUrl: 'http://127.0.0.1:9000/api/quality-on-demand/v1' }).baseUrl).toBe('http://127.0.0.1:9000/api/quality-on-demand/v1');
  });

  it('wait strategies', () => {
    expect(target({ image: 'x', containerPort: 1, waitLog: 'listening' }).container?.wait).toEqual({ kind: 'log', text: 'listening' });
    expect(target({ image: 'x', containerPort: 1, waitHttp: '/health' }).container?.wait).toEqual({ kind: 'http', path: '/health' });
  });

  it.each([
    [{ containerPort: 8080 }, '--container-port only applies with --image'],
    [{ env: ['A=1'] }, '--env only applies with --image'],
    [{ waitLog: 'x' }, '--wait-log only applies with --image'],
    [{ basePath: '/x' }, '--base-path only applies with --image'],
    [{ image: 'x' }, '--image needs --container-port'],
    [{ image: 'x', containerPort: 70000 }, '--container-port must be a port number'],
    [{ image: 'x', containerPort: 1, env: ['NOVALUE'] }, '--env must be KEY=VALUE'],
    [{ image: 'x', containerPort: 1, env: ['PORT=2'] }, 'contradicts --container-port 1'],
    [{ image: 'x', containerPort: 1, waitLog: 'a', waitHttp: '/b' }, 'one of --wait-log and --wait-http'],
    [{ image: 'x', containerPort: 1, waitHttp: 'health' }, '--wait-http must be a path'],
    [{ image: 'x', containerPort: 1, basePath: '/x', baseUrl: 'http://h/quality-on-demand/v1' }, '--base-path applies only without --base-url'],
    [{ image: 'x', containerPort: 1, fault: ['no-expiry'] }, '--fault only applies to the built-in provider'],
    [{ image: 'x', containerPort: 1, apiVersion: 'auto' }, '--api-version auto does not work with --image'],
  ] as Array<[OptionValues, string]>)('usage error: %j', (values, message) => {
    expect(() => plan(values)).toThrow(message);
  });

  it('QOD_ENV holds one KEY=VALUE per line (commas stay in the value)', () => {
    const values = mergeOptions({}, fromEnv({ QOD_IMAGE: 'x', QOD_CONTAINER_PORT: '8080', QOD_ENV: 'A=1,2\nB=3\n' }));
    expect(target(values).container?.env).toEqual({ A: '1,2', B: '3', PORT: '8080' });
  });

  it('secret-looking env values are redacted; the engine message names DOCKER_HOST without credentials', () => {
    const c = target({ image: 'x', containerPort: 1, env: ['API_KEY=abcd1234', 'CLIENT_SECRET=s3cr3t!', 'MODE=production'] }).container!;
    expect(containerSecrets(c).sort()).toEqual(['abcd1234', 's3cr3t!']);
    expect(engineMissingMessage({ DOCKER_HOST: 'tcp://user:pw@example.net:2376' })).toContain('DOCKER_HOST=tcp://example.net:2376');
    expect(engineMissingMessage({})).toContain('DOCKER_HOST=unset');
  });
});

describe('container log tail', () => {
  it('keeps the last lines, joins partial chunks and redacts on read', () => {
    const tail = new LogTail(3);
    tail.push('one\ntw');
    tail.push('o\nthree token=tok-123\nfour\nfi');
    expect(tail.text(['tok-123'])).toBe('[… 1 earlier line(s) not kept]\ntwo\nthree token=[REDACTED]\nfour\nfi');
    expect(tail.lastLine([])).toBe('fi');
    expect(new LogTail().text([])).toBe('');
  });
});
