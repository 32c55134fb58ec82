// One loaded spec per version (or set of --spec files) and one set of compiled validators per spec,
// for the whole process: a self-test batch (src/runner/batch.ts) starts a reference provider per
// run in one process, and each worker serves many runs. Loaded specs are read-only after loading.
import { loadSpec, type LoadSpecOptions } from './load.js';
import type { LoadedSpec, SpecValidators } from './types.js';
import { createValidators } from './validators.js';

const specs = new Map<string, Promise<LoadedSpec>>();
const validators = new WeakMap<LoadedSpec, SpecValidators>();

export function cachedSpec(opts: LoadSpecOptions): Promise<LoadedSpec> {
  const key = JSON.stringify([opts.version, opts.files ?? [], opts.validated ?? false]);
  let spec = specs.get(key);
  if (!spec) {
    spec = loadSpec(opts);
    specs.set(key, spec);
    // A failed load is not kept: the error is the caller's, a later call tries again.
    spec.catch(() => specs.delete(key));
  }
  return spec;
}

export function validatorsOf(spec: LoadedSpec): SpecValidators {
  let compiled = validators.get(spec);
  if (!compiled) validators.set(spec, (compiled = createValidators(spec)));
  return compiled;
}
