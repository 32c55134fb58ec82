// The run's compiled validators in a suite worker: one set per spec for the worker's whole life
// (src/spec/cache.ts), whichever run of a self-test batch asks.
import type { RunConfig } from '../config/types.js';
import { cachedSpec, validatorsOf } from '../spec/cache.js';
import type { SpecValidators } from '../spec/types.js';

export async function validatorsFor(config: RunConfig): Promise<SpecValidators> {
  // The CLI process validated the documents before the run started.
  return validatorsOf(await cachedSpec({ version: config.apiVersion, files: config.specFiles.length ? config.specFiles : undefined, validated: true }));
}
