// The provider's world: clients, tokens, devices and QoS profiles, plus the operator data the
// suite uses against it (one file, fixtures/embedded.json, so both always agree).
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DeviceId, OperatorData } from '../config/types.js';
import { packageRoot } from '../util/package-root.js';

export interface ClientRecord {
  clientId: string;
  clientSecret: string;
  /** Scopes tokens issued to this client carry; default: every scope of the loaded spec. */
  scopes?: string[];
}

export interface TokenRecord {
  clientId: string;
  scopes: string[];
  expired?: boolean;
  /** Id of a known device: makes this a 3-legged token for that device. */
  device?: string;
  /** Requests per second this client may send before it gets 429 TOO_MANY_REQUESTS. */
  requestsPerSecond?: number;
}

/** A device the network knows, with every identifier form it can be addressed by. */
export interface DeviceRecord {
  id: string;
  phoneNumber?: string;
  networkAccessIdentifier?: string;
  ipv4Address?: { publicAddress: string; privateAddress?: string; publicPort?: number };
  ipv6Address?: string;
  /** false: known, but QoD is not offered for it (422 SERVICE_NOT_APPLICABLE). Default true. */
  serviceApplicable?: boolean;
}

/** A QosProfile body exactly as the API returns it. */
export type QosProfile = {
  name: string;
  status: 'ACTIVE' | 'INACTIVE' | 'DEPRECATED';
  minDuration?: DurationValue;
  maxDuration?: DurationValue;
} & Record<string, unknown>;

export interface DurationValue {
  value: number;
  unit: 'Days' | 'Hours' | 'Minutes' | 'Seconds' | 'Milliseconds' | 'Microseconds' | 'Nanoseconds';
}

export interface ProfileEntry {
  profile: QosProfile;
  /** Device ids this profile is limited to; absent: offered to every device. */
  restrictedToDevices?: string[];
}

export interface ProviderWorld {
  clients: ClientRecord[];
  tokens: Record<string, TokenRecord>;
  devices: DeviceRecord[];
  qosProfiles: ProfileEntry[];
}

export interface ProviderFixtures extends OperatorData {
  provider: ProviderWorld;
}

export const DEFAULT_FIXTURES_PATH = 'fixtures/embedded.json';

export function loadFixtures(source?: string | ProviderFixtures): ProviderFixtures {
  if (source !== undefined && typeof source !== 'string') return checkFixtures(structuredClone(source), 'fixtures object');
  const path = source === undefined ? join(packageRoot(), DEFAULT_FIXTURES_PATH) : source;
  const absolute = isAbsolute(path) ? path : join(process.cwd(), path);
  return checkFixtures(JSON.parse(readFileSync(absolute, 'utf8')) as ProviderFixtures, absolute);
}

/** Cheap structural checks so a broken fixture fails at start-up, not on the first request. */
function checkFixtures(fixtures: ProviderFixtures, where: string): ProviderFixtures {
  const world = fixtures.provider as Partial<ProviderWorld> | undefined;
  const missing = (['clients', 'tokens', 'devices', 'qosProfiles'] as const).filter((k) => !world?.[k]);
  if (missing.length > 0) throw new Error(`${where}: provider.${missing.join(', provider.')} missing`);
  const deviceIds = new Set(world!.devices!.map((d) => d.id));
  // Token values are secrets: the message names the device, never the token.
  for (const record of Object.values(world!.tokens!)) {
    if (record.device && !deviceIds.has(record.device)) {
      throw new Error(`${where}: a token refers to unknown device "${record.device}"`);
    }
  }
  return fixtures;
}

/** The identifier kinds of the CAMARA Device object, in the order the provider prefers them. */
export const IDENTIFIER_KINDS = ['phoneNumber', 'ipv4Address', 'ipv6Address', 'networkAccessIdentifier'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number] & keyof DeviceId;
