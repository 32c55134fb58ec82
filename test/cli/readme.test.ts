// The README is the front door: it must name every flag the CLI has, and its test command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_OPTIONS, envName } from '../../src/cli/options.js';
import { REPO } from '../support/cli.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

describe('README', () => {
  it.each(RUN_OPTIONS.map((o) => [o.flag, o] as const))('documents --%s with its environment variable', (flag, def) => {
    expect(readme).toContain(`\`--${flag}`);
    expect(readme).toContain(envName(def));
  });

  it('shows the two set-up commands and every exit code', () => {
    expect(readme).toContain('npm ci && npx qod-conformance');
    expect(readme).toContain('npm test');
    for (const code of [0, 1, 2, 3, 4, 5]) expect(readme).toMatch(new RegExp(`\\| ${code} \\|`));
  });
});
