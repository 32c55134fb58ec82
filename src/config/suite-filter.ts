// --suite TEXT keeps the suite files whose path contains TEXT (vitest's file filter). A text that
// matches none is a typo: stopped here with the nearest name, before any service starts.
import { join } from 'node:path';
import { suiteFiles } from '../checks/registry.js';
import { UsageError } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import { didYouMean } from '../util/suggest.js';
import type { ApiId } from './types.js';

/** Throws a usage error naming the first filter that matches no suite file of `api`. */
export function checkSuiteFilters(filters: readonly string[], api: ApiId): void {
  if (filters.length === 0) return;
  const root = packageRoot();
  const files = suiteFiles(api);
  const absolute = files.map((f) => join(root, f));
  for (const filter of filters) {
    if (absolute.some((f) => f.includes(filter))) continue;
    // Suggested by file name (createSession.test.js → createSession), the usual way to pick one.
    const names = [...new Set(files.map((f) => f.replace(/^dist\/suites\//, '').replace(/\.test\.js$/, '')))];
    const stems = [...new Set(names.map((n) => n.split('/').pop()!))];
    throw new UsageError(`--suite "${filter}" matches no suite file${didYouMean(filter, stems)}; it keeps the files whose path contains it: ${names.join(', ')}`);
  }
}
