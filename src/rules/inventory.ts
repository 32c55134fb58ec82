// Reads the committed inventory of one version: the generated schema rules plus the hand-written
// prose rules that apply to it, and the written reasons for rules no check covers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiVersion } from '../config/types.js';
import { specsDir } from '../spec/manifest.js';
import type { Inventory, ProseInventoryFile, SchemaInventoryFile, UncoveredReason } from './types.js';
import { INVENTORIED_VERSIONS } from './types.js';

export function schemaInventoryPath(version: ApiVersion): string {
  return join(specsDir(), 'rules', `${version}.schema.json`);
}

export function proseInventoryPath(): string {
  return join(specsDir(), 'rules', 'prose.json');
}

export function readProse(): ProseInventoryFile {
  return JSON.parse(readFileSync(proseInventoryPath(), 'utf8')) as ProseInventoryFile;
}

const cache = new Map<ApiVersion, Inventory>();

/** The inventory of `version`, or undefined when the version has none. */
export function inventoryFor(version: ApiVersion): Inventory | undefined {
  if (!INVENTORIED_VERSIONS.includes(version)) return undefined;
  const cached = cache.get(version);
  if (cached) return cached;
  const path = schemaInventoryPath(version);
  if (!existsSync(path)) return undefined;
  const schema = JSON.parse(readFileSync(path, 'utf8')) as SchemaInventoryFile;
  const prose = readProse();
  const applies = (versions: readonly ApiVersion[] | undefined) => versions === undefined || versions.includes(version);
  const inventory: Inventory = {
    version,
    rules: [...schema.rules, ...prose.rules.filter((r) => applies(r.versions)).map(({ versions: _v, ...rule }) => rule)],
    uncovered: prose.uncovered.filter((u) => applies(u.versions)),
  };
  cache.set(version, inventory);
  return inventory;
}

const matchers = new Map<string, RegExp>();

/** `*` matches within one dot-separated part (no dot), `**` matches anything. Compiled once per
 *  glob: the rule coverage asks every written reason about every uncovered rule of a run. */
export function globMatcher(glob: string): RegExp {
  const known = matchers.get(glob);
  if (known) return known;
  const body = glob
    .split('**')
    .map((piece) =>
      piece
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^.]*'),
    )
    .join('.*');
  const matcher = new RegExp(`^${body}$`);
  matchers.set(glob, matcher);
  return matcher;
}

/** The written reason why no check covers `ruleId`, if the inventory gives one. */
export function reasonFor(inventory: Inventory, ruleId: string): UncoveredReason | undefined {
  return inventory.uncovered.find((u) => globMatcher(u.match).test(ruleId));
}
