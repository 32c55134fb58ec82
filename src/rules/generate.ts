// `npm run rules`: writes the schema part of the rule inventory (specs/rules/<version>.schema.json)
// for every inventoried version, from our spec files.
import { writeFileSync } from 'node:fs';
import { schemaInventoryPath } from './inventory.js';
import { schemaInventoryText } from './schema-rules.js';
import { INVENTORIED_VERSIONS } from './types.js';

for (const version of INVENTORIED_VERSIONS) {
  const text = await schemaInventoryText(version);
  writeFileSync(schemaInventoryPath(version), text);
  console.log(`${schemaInventoryPath(version)}: ${(JSON.parse(text) as { rules: unknown[] }).rules.length} schema rules`);
}
