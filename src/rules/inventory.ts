// Reads the committed inventory of one version: the generated schema rules plus the hand-written
// prose rules that apply to it, and the written reasons for rules no check covers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiVersion } from '../config/types.js';
import { provisioningVersionOf } from '../spec/apis.js';
import { specsDir } from '../spec/manifest.js';
import type { ApiId, Inventory, InventoryTarget, ProseInventoryFile, SchemaInventoryFile, UncoveredReason } from './types.js';
import { appliesTo, bundleOf, INVENTORY_TARGETS } from './types.js';

export function schemaInventoryPath(target: InventoryTarget): string {
  const name = target.api === 'qos-provisioning' ? `provisioning-${target.version}` : target.version;
  return join(specsDir(), 'rules', `${name}.schema.json`);
}

export function proseInventoryPath(): string {
  return join(specsDir(), 'rules', 'prose.json');
}

export function readProse(): ProseInventoryFile {
  return JSON.parse(readFileSync(proseInventoryPath(), 'utf8')) as ProseInventoryFile;
}

const cache = new Map<string, Inventory>();

/** The inventory of the run's bundle `version` for the API under test, or undefined when it has none. */
export function inventoryFor(version: ApiVersion, api: ApiId = 'quality-on-demand'): Inventory | undefined {
  if (api === 'quality-on-demand') return inventoryOf({ api, version });
  const provisioning = provisioningVersionOf(version);
  return provisioning === undefined ? undefined : inventoryOf({ api, version: provisioning });
}

/** The inventory of one target, or undefined when it has none. */
export function inventoryOf(target: InventoryTarget): Inventory | undefined {
  if (!INVENTORY_TARGETS.some((t) => t.api === target.api && t.version === target.version)) return undefined;
  const key = `${target.api}@${target.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const path = schemaInventoryPath(target);
  if (!existsSync(path)) return undefined;
  const schema = JSON.parse(readFileSync(path, 'utf8')) as SchemaInventoryFile;
  const prose = readProse();
  const inventory: Inventory = {
    version: bundleOf(target),
    target,
    rules: [...schema.rules, ...prose.rules.filter((r) => appliesTo(r, target)).map(({ versions: _v, api: _a, ...rule }) => rule)],
    uncovered: prose.uncovered.filter((u) => appliesTo(u, target)),
  };
  cache.set(key, inventory);
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
