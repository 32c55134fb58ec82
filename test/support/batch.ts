// Plans for the self-tests' batches of embedded runs (src/runner/batch.ts), made from flags and an
// optional config file as the CLI makes them (src/cli/main.ts runCommand).
import type { RunPlan } from '../../src/config/plan.js';
import { buildPlan } from '../../src/config/plan.js';
import { readConfigFile, type ConfigFile } from '../../src/config/file.js';
import { fromConfigFile, mergeOptions, type OptionValues } from '../../src/config/sources.js';
import { REPO } from './cli.js';

export function planOf(flags: OptionValues, configPath?: string): RunPlan {
  const file: ConfigFile = configPath ? readConfigFile(configPath) : {};
  return buildPlan(mergeOptions(flags, fromConfigFile(file, `config file ${configPath}`)), file, REPO);
}
