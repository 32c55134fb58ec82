// The built-in provider speaks an operator dialect only with the QoD version that operator documents
// (fixtures/dialects/<name>.json "versions"): other pairs are worlds no operator runs, which
// auto-detection rightly rejects, so serve and the embedded run refuse them (exit 2, the pairs named).
import { describe, expect, it } from 'vitest';
import { startProvider } from '../../src/provider/index.js';
import { runCli, tempDir } from '../support/cli.js';

const PAIRS = 'camara with every version; orange with 0.10.1; tmobile with 0.8.1';

describe('(version, dialect) pairs of the built-in provider', () => {
  it.each([
    ['tmobile', '1.1.0', '0.8.1'],
    ['orange', '1.1.0', '0.10.1'],
    ['orange', '1.0.0', '0.10.1'],
    ['orange', '0.11.1', '0.10.1'],
  ])('serve --dialect %s --api-version %s is exit 2 naming the pairs that exist', async (dialect, version, documented) => {
    const r = await runCli(['serve', '--port', '0', '--dialect', dialect, '--api-version', version], { timeoutMs: 20_000 });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`dialect ${dialect} is documented for QoD ${documented} only, not ${version}: give --api-version ${documented}`);
    expect(r.stderr).toContain(PAIRS);
    expect(r.stdout).not.toContain('listening');
  });

  it('the embedded run refuses an undocumented pair before anything starts', async () => {
    const r = await runCli(['--dialect', 'tmobile', '--report-dir', tempDir()], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(PAIRS);
  });

  it('documented pairs start', async () => {
    for (const [dialect, apiVersion] of [
      ['orange', '0.10.1'],
      ['tmobile', '0.8.1'],
      ['camara', '1.0.0'],
    ] as const) {
      const provider = await startProvider({ port: 0, dialect, apiVersion });
      await provider.close();
    }
    await expect(startProvider({ port: 0, dialect: 'orange', apiVersion: '1.1.0' })).rejects.toThrow(PAIRS);
  });
});
