// Option values from the three sources, merged with precedence flag > env > config file.
import { UsageError } from '../errors.js';
import { RUN_OPTIONS, envName, type OptionDef } from '../cli/options.js';
import { didYouMean } from '../util/suggest.js';

export type OptionValue = string | number | boolean | string[];
export type OptionValues = Record<string, OptionValue | undefined>;

export function coerce(def: OptionDef, raw: string, source: string): OptionValue {
  switch (def.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${source} must be a whole number, got "${raw}"`);
      return Number.parseInt(raw, 10);
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on', ''].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new UsageError(`${source} must be true or false, got "${raw}"`);
    }
    case 'list': {
      const items = def.wholeItems
        ? raw.split(/\r?\n/).filter((s) => s.trim() !== '')
        : raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
      for (const item of items) checkChoice(def, item, source);
      return items;
    }
    case 'enum':
      checkChoice(def, raw, source);
      return raw;
    default:
      return raw;
  }
}

export function checkChoice(def: OptionDef, value: string, source: string): void {
  if (def.choices && !def.choices.includes(value)) {
    throw new UsageError(`${source}: "${value}" is not one of ${def.choices.join(', ')}${didYouMean(value, def.choices)}`);
  }
}

/** QOD_* environment variables, coerced per option kind. */
export function fromEnv(env: NodeJS.ProcessEnv): OptionValues {
  const values: OptionValues = {};
  for (const def of RUN_OPTIONS) {
    const raw = env[envName(def)];
    if (raw !== undefined) values[def.key] = coerce(def, raw, envName(def));
  }
  return values;
}

/** Options from a validated config file (list choices are checked here too). */
export function fromConfigFile(file: Record<string, unknown>, source: string): OptionValues {
  const values: OptionValues = {};
  for (const def of RUN_OPTIONS) {
    const value = file[def.key];
    if (value === undefined) continue;
    if (def.kind === 'list' && Array.isArray(value)) {
      for (const item of value) checkChoice(def, String(item), `${source}: ${def.key}`);
    }
    values[def.key] = value as OptionValue;
  }
  return values;
}

export function mergeOptions(...byPrecedence: OptionValues[]): OptionValues {
  const merged: OptionValues = {};
  for (const def of RUN_OPTIONS) {
    for (const source of byPrecedence) {
      if (source[def.key] !== undefined) {
        merged[def.key] = source[def.key];
        break;
      }
    }
  }
  return merged;
}
