// Loads dialect data files from fixtures/dialects/ and checks them, so a broken or inconsistent
// file fails at start-up with one line (exit 2), never in the middle of a run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import { RELAXABLE_CHECKS, type Dialect, type DialectFile, type RelaxableCheck } from './types.js';

export const DEFAULT_DIALECT = 'camara';

export function dialectsDir(): string {
  return join(packageRoot(), 'fixtures', 'dialects');
}

/** Names of the dialects shipped with the tool (file names without .json), sorted. */
export function knownDialects(): string[] {
  const dir = dialectsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

const cache = new Map<string, Dialect>();

/** The named dialect; an unknown name is a UsageError listing the known ones. */
export function loadDialect(name: string = DEFAULT_DIALECT): Dialect {
  const hit = cache.get(name);
  if (hit) return hit;
  const known = knownDialects();
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name) || !known.includes(name)) {
    throw new UsageError(`unknown dialect "${name}"; known dialects: ${known.join(', ')}`);
  }
  const file = join(dialectsDir(), `${name}.json`);
  let data: DialectFile;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as DialectFile;
  } catch (error) {
    throw new UsageError(`dialect file ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const problem = checkDialect(data, name);
  if (problem) throw new UsageError(`dialect file ${file}: ${problem}`);
  const relaxed = new Set(data.relaxes.map((r) => r.check));
  const dialect: Dialect = { ...data, file, relaxed: (check: RelaxableCheck) => relaxed.has(check) };
  cache.set(name, dialect);
  return dialect;
}

/**
 * The built-in provider speaks a dialect only with the QoD versions its operator documents: another
 * pair is a world no operator runs, which auto-detection rightly rejects. A dialect without
 * `versions` (camara) goes with every version.
 */
export function checkServedPair(dialect: Dialect, apiVersion: string): void {
  if (!dialect.versions || dialect.versions.includes(apiVersion)) return;
  const pairs = knownDialects().map((name) => {
    const versions = loadDialect(name).versions;
    return `${name} with ${versions ? versions.join(' or ') : 'every version'}`;
  });
  throw new UsageError(
    `dialect ${dialect.name} is documented for QoD ${dialect.versions.join(', ')} only, not ${apiVersion}: give --api-version ${dialect.versions[0]} (the pairs the built-in provider serves: ${pairs.join('; ')})`,
  );
}

/** What is wrong with a dialect file, or undefined. Relaxations and data must agree. */
export function checkDialect(d: DialectFile, name: string): string | undefined {
  if (d.name !== name) return `"name" is "${d.name}", expected "${name}" (the file name)`;
  const body = d.errorBody as DialectFile['errorBody'] | undefined;
  if (!body || typeof body.codeField !== 'string' || typeof body.messageField !== 'string') {
    return 'errorBody.codeField and errorBody.messageField are required';
  }
  if (!Array.isArray(d.relaxes)) return '"relaxes" must be a list (empty for none)';
  for (const r of d.relaxes) {
    if (!Object.hasOwn(RELAXABLE_CHECKS, r.check)) {
      return `unknown relaxed check "${r.check}" (known: ${Object.keys(RELAXABLE_CHECKS).join(', ')})`;
    }
    if (typeof r.why !== 'string' || !r.why.trim()) return `relaxation ${r.check} needs a "why" (the operator documentation behind it)`;
  }
  const relaxed = new Set(d.relaxes.map((r) => r.check));
  if (body.codes && !relaxed.has('error-code-values')) return 'errorBody.codes is given but error-code-values is not relaxed';
  if (relaxed.has('error-code-values') && !body.codes) return 'error-code-values is relaxed but errorBody.codes is missing';
  if (body.schema && !relaxed.has('error-body-schema')) return 'errorBody.schema is given but error-body-schema is not relaxed';
  if (relaxed.has('error-body-schema') && !body.schema) return 'error-body-schema is relaxed but errorBody.schema is missing';
  if (body.statusField === null && !relaxed.has('error-status-field')) return 'errorBody.statusField is null but error-status-field is not relaxed';
  const nonCamaraShape = body.codeField !== 'code' || body.messageField !== 'message' || body.statusField !== 'status';
  if (nonCamaraShape && !relaxed.has('error-body-schema')) return 'the error body fields differ from CAMARA {status, code, message} but error-body-schema is not relaxed';
  return undefined;
}

/** The relaxations of a dialect as the run record shows them. */
export function describeRelaxations(d: Dialect): Array<{ check: RelaxableCheck; meaning: string; why: string }> {
  return d.relaxes.map((r) => ({ check: r.check, meaning: RELAXABLE_CHECKS[r.check], why: r.why }));
}
