// Reads and validates the JSON config file against the schema shipped in the package, so an
// unknown or mistyped key is a usage error that names the key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { UsageError } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import { didYouMean } from '../util/suggest.js';
import type { ApplicationServerId, DeviceId, DeviceSet, OperatorData, TokenSet } from './types.js';

/** The config file: every run option (camelCase) plus operator data. */
export interface ConfigFile {
  [option: string]: unknown;
  tokens?: TokenSet;
  devices?: DeviceSet;
  threeLeggedDevice?: DeviceId;
  applicationServer?: ApplicationServerId;
  qosProfiles?: OperatorData['qosProfiles'];
  profilesApi?: boolean;
  unsupportedIdentifiers?: Array<keyof DeviceId>;
  privateKeyJwt?: boolean;
  sink?: { host?: string; port?: number; publicUrl?: string; http?: boolean };
}

let validate: (((data: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

function validator() {
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'src/config/config.schema.json'), 'utf8')) as object;
    // verbose: an error carries its schema, whose keys name the one a mistyped key meant.
    validate = new Ajv({ allErrors: false, strict: false, verbose: true }).compile(schema);
  }
  return validate;
}

export function describeConfigError(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    return `unknown key "${path ? `${path}.` : ''}${key}"${didYouMean(key, known)}`;
  }
  const where = path ? `"${path}"` : 'the configuration';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.join(', ');
    return `${where} must be one of: ${allowed}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

export function validateConfigObject(data: unknown, source: string): ConfigFile {
  const check = validator();
  if (!check(data)) {
    const first = check.errors?.[0];
    throw new UsageError(`${source}: ${first ? describeConfigError(first) : 'invalid configuration'}`);
  }
  return data as ConfigFile;
}

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateConfigObject(data, `config file ${path}`);
}
