// The check registry: every check of the suites as a record (src/checks/spec.ts). Suite files
// declare their checks with check() (src/checks/declare.ts); run under vitest they become tests,
// imported by collectChecks() they only register here. The CLI (`checks`, --check), the reports and
// the fault self-test find checks through this module alone.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APIS, apiLabel } from '../config/apis.js';
import { DEFAULT_API, type ApiId, type ApiVersion, type RunConfig } from '../config/types.js';
import { packageRoot } from '../util/package-root.js';
import { rulesFor } from '../versions/rules.js';
import type { CheckRecord, CheckSpec } from './spec.js';

interface Collecting {
  config: RunConfig;
  file: string;
  groups: string[];
  records: CheckRecord[];
}

/**
 * The collection in progress lives on globalThis: the compiled suites import the compiled registry,
 * while a caller may hold another instance of this module (the project's tests load the sources).
 */
const SLOT = Symbol.for('qod-conformance.collecting');
type Slot = { [SLOT]?: Collecting };
const slot = globalThis as Slot;
/** Each collection imports the suite modules afresh (a query string defeats the module cache). */
let generation = 0;

/** The run configuration while checks are being collected (not run): suites read it at their top level. */
export function collectingConfig(): RunConfig | undefined {
  return slot[SLOT]?.config;
}

/** Records a check declared while collecting. */
export function registerCheck(spec: CheckSpec): void {
  const collecting = slot[SLOT];
  if (!collecting) throw new Error('registerCheck outside a collection');
  const { appliesTo, ...identity } = spec;
  collecting.records.push({ ...identity, ...(appliesTo ? { appliesTo } : {}), file: collecting.file, groups: [...collecting.groups] });
}

/** Runs a group's body while collecting, so its checks record the group path. */
export function collectGroup(name: string, body: () => void): void {
  const collecting = slot[SLOT];
  if (!collecting) throw new Error('collectGroup outside a collection');
  collecting.groups.push(name);
  try {
    body();
  } finally {
    collecting.groups.pop();
  }
}

/** The compiled suite files of `api` (dist/suites/<its folders>/**\/*.test.js), relative to the package root. */
export function suiteFiles(api: ApiId = DEFAULT_API): string[] {
  const root = packageRoot();
  const dir = join(root, 'dist', 'suites');
  const folders = APIS[api].suiteFolders;
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.test.js') && folders.includes(f.split('/')[0]!))
    .map((f) => relative(root, join(dir, f)).split('\\').join('/'))
    .sort();
}

/** The vitest include globs of the suite files of `api`. */
export function suiteIncludes(api: ApiId): string[] {
  return APIS[api].suiteFolders.map((folder) => `dist/suites/${folder}/**/*.test.js`);
}

/** The source path a compiled suite file is reported under (`suites/x/y.test.ts`). */
export function sourceOf(distFile: string): string {
  return distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

/**
 * Every check the suites declare for `config` (its version and spec: some checks are derived from
 * the spec's operations). Imports the suite modules (`files`: compiled, relative to the package) in
 * collection mode: nothing is sent.
 */
export async function collectChecks(config: RunConfig, files: readonly string[] = suiteFiles(config.api)): Promise<CheckRecord[]> {
  if (slot[SLOT]) throw new Error('collectChecks is not reentrant');
  const root = packageRoot();
  const records: CheckRecord[] = [];
  generation++;
  try {
    for (const file of files) {
      slot[SLOT] = { config, file: sourceOf(file), groups: [], records };
      await import(`${pathToFileURL(join(root, file)).href}?collect=${generation}`);
    }
  } finally {
    delete slot[SLOT];
  }
  assertUniqueIds(records);
  return records;
}

function assertUniqueIds(records: readonly CheckRecord[]): void {
  const seen = new Map<string, string>();
  for (const r of records) {
    const other = seen.get(r.id);
    if (other) throw new Error(`check ID ${r.id} is declared twice (${other} and ${r.file})`);
    seen.set(r.id, r.file);
  }
}

/** The --suite / vitest filter that selects a check's suite file (`suites/x/y.test`). */
export function suiteFilterOf(file: string): string {
  return file.replace(/\.ts$/, '');
}

/** Why `check` does not run at `version` (undefined: it applies). */
export function notApplicableReason(check: Pick<CheckSpec, 'appliesTo'>, version: ApiVersion, api: ApiId = DEFAULT_API): string | undefined {
  return check.appliesTo && !check.appliesTo(rulesFor(version)) ? `not applicable to ${apiLabel(api, version)}` : undefined;
}

/** The checks of `records` that apply at `version`. */
export function applicable(records: readonly CheckRecord[], version: ApiVersion): CheckRecord[] {
  return records.filter((r) => notApplicableReason(r, version) === undefined);
}

/** The checks that judge any of `ruleIds` (a fault breaking one of these rules must fail them). */
export function judging(records: readonly CheckRecord[], ruleIds: readonly string[]): CheckRecord[] {
  return records.filter((r) => r.rules.some((id) => ruleIds.includes(id)));
}
