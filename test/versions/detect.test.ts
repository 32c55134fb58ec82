// --api-version auto: the version is told from what the endpoint answers, for every version the
// reference provider serves (and through an operator dialect that hides the CAMARA codes).
import { describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import { loadDialect } from '../../src/dialects/index.js';
import { detectVersion, versionHintOfPath } from '../../src/versions/detect.js';
import { start, TOKENS } from './helpers.js';

async function detect(version: ApiVersion, dialect?: string) {
  const p = await start(version, { dialect });
  try {
    return await detectVersion({ baseUrl: p.baseUrl, profilesUrl: version === '0.8.1' ? undefined : p.profilesUrl, token: TOKENS.default, timeoutMs: 5000, insecure: false, secrets: [TOKENS.default], dialect: dialect ? loadDialect(dialect) : undefined });
  } finally {
    await p.close();
  }
}

describe('version detection', () => {
  it.each(API_VERSIONS.map((v) => [v]))('picks %s from the answers, not from the base path', async (version) => {
    const d = await detect(version);
    expect(d.version).toBe(version);
    expect(d.reasons.join('; ')).not.toMatch(/base path segment|assumed/);
  });

  it('picks 0.10.1 behind the Orange dialect (numeric codes) and 0.8.1 behind T-Mobile\'s', async () => {
    expect((await detect('0.10.1', 'orange')).version).toBe('0.10.1');
    expect((await detect('0.8.1', 'tmobile')).version).toBe('0.8.1');
  });

  it('reads the base path segment only as a hint', () => {
    expect(versionHintOfPath('https://x.example/qod/v0')?.versions).toEqual(['0.8.1', '0.10.1']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v0.11/')?.versions).toEqual(['0.11.1']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v1')?.versions).toEqual(['1.0.0', '1.1.0']);
    expect(versionHintOfPath('https://x.example/quality-on-demand/v1rc3')?.versions).toEqual(['1.2.0-rc.3']);
    expect(versionHintOfPath('https://x.example/camara/qod')).toBeUndefined();
  });
});
