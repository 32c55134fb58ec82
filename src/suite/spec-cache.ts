// One loaded spec and one set of compiled validators per worker process and spec (the registry
// collects checks of several versions in one process).
import type { RunConfig } from '../config/types.js';
import { loadSpec } from '../spec/load.js';
import type { SpecValidators } from '../spec/types.js';
import { createValidators } from '../spec/validators.js';

const cached = new Map<string, Promise<SpecValidators>>();

export function validatorsFor(config: RunConfig): Promise<SpecValidators> {
  const key = `${config.apiVersion}\n${config.specFiles.join('\n')}`;
  let validators = cached.get(key);
  // The CLI process validated the documents before the run started.
  if (!validators) {
    validators = loadSpec({ version: config.apiVersion, files: config.specFiles.length ? config.specFiles : undefined, validated: true }).then(createValidators);
    cached.set(key, validators);
  }
  return validators;
}
