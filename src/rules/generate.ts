// `npm run rules`: writes the schema part of the rule inventory (specs/rules/<version>.schema.json,
// provisioning-<version>.schema.json) for every inventoried version of each API, from our spec files.
import { writeFileSync } from 'node:fs';
import { schemaInventoryPath } from './inventory.js';
import { schemaInventoryText } from './schema-rules.js';
import { INVENTORY_TARGETS } from './types.js';

for (const target of INVENTORY_TARGETS) {
  const text = await schemaInventoryText(target);
  writeFileSync(schemaInventoryPath(target), text);
  console.log(`${schemaInventoryPath(target)}: ${(JSON.parse(text) as { rules: unknown[] }).rules.length} schema rules`);
}
