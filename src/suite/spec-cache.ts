// One loaded spec and one set of compiled validators per worker process.
import type { RunConfig } from '../config/types.js';
import { loadSpec } from '../spec/load.js';
import type { SpecValidators } from '../spec/types.js';
import { createValidators } from '../spec/validators.js';

let cached: Promise<SpecValidators> | undefined;

export function validatorsFor(config: RunConfig): Promise<SpecValidators> {
  // The CLI process validated the documents before the run started.
  cached ??= loadSpec({ version: config.apiVersion, files: config.specFiles.length ? config.specFiles : undefined, validated: true }).then(createValidators);
  return cached;
}
