// One loaded spec and one set of compiled validators per worker process (per spec, when a
// self-test batch serves runs of several versions from one worker).
import type { RunConfig } from '../config/types.js';
import { loadSpec } from '../spec/load.js';
import type { SpecValidators } from '../spec/types.js';
import { createValidators } from '../spec/validators.js';

const cached = new Map<string, Promise<SpecValidators>>();

export function validatorsFor(config: RunConfig): Promise<SpecValidators> {
  const key = JSON.stringify([config.apiVersion, config.specFiles]);
  let validators = cached.get(key);
  // The CLI process validated the documents before the run started.
  if (!validators) cached.set(key, (validators = loadSpec({ version: config.apiVersion, files: config.specFiles.length ? config.specFiles : undefined, validated: true }).then(createValidators)));
  return validators;
}
