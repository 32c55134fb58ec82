// Code runs from src/ (vitest, TypeScript) and from dist/src/ (compiled CLI); find the package
// root by walking up to the folder that holds our package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'qod-conformance') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('qod-conformance package root not found');
    dir = parent;
  }
}

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
