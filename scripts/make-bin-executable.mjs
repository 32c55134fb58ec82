// tsc writes files without the exec bit; npx and a direct call of the bin need it (issue 19, item 0).
// Reads the bin paths from package.json so a renamed bin cannot be forgotten here.
import { chmodSync, readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
for (const file of Object.values(pkg.bin ?? {})) {
  const path = new URL(`../${file}`, import.meta.url);
  chmodSync(path, statSync(path).mode | 0o111);
}
