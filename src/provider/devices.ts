// Who the request is about: the device from a 3-legged token or from the `device` body field,
// with the 1.0.0+ rules (MISSING / UNNECESSARY / UNSUPPORTED identifier, IDENTIFIER_NOT_FOUND,
// SERVICE_NOT_APPLICABLE) and the 1.1.0 rule "pick one identifier, do not cross-check".
import type { DeviceId } from '../config/types.js';
import type { Caller } from './auth.js';
import { ApiError } from './errors.js';
import type { FaultSet } from './faults.js';
import { IDENTIFIER_KINDS, type DeviceRecord, type IdentifierKind } from './fixtures.js';

export interface Subject {
  device: DeviceRecord;
  /** The identifier echoed as SessionInfo.device (absent for 3-legged tokens). */
  echo?: DeviceId;
}

const unprocessable = (code: string, message: string) => new ApiError(422, code, message);

export class DeviceDirectory {
  private readonly supported: IdentifierKind[];

  constructor(
    private readonly devices: readonly DeviceRecord[],
    unsupported: readonly string[],
    /** The switches this resolution honours (the provisioning one has its own: index.ts). */
    readonly faults: FaultSet,
  ) {
    const off = faults.has('unsupported-identifier-accepted') ? [] : unsupported;
    this.supported = IDENTIFIER_KINDS.filter((k) => !off.includes(k));
  }

  byId(id: string): DeviceRecord | undefined {
    return this.devices.find((d) => d.id === id);
  }

  /**
   * `required`: createSession / retrieveSessionsByDevice (a 2-legged call must name the device).
   * `optional`: retrieveQoSProfiles, where the device is only a filter (undefined = no filter).
   */
  resolve(caller: Caller, bodyDevice: DeviceId | undefined, need: 'required'): Subject;
  resolve(caller: Caller, bodyDevice: DeviceId | undefined, need: 'optional'): Subject | undefined;
  resolve(caller: Caller, bodyDevice: DeviceId | undefined, need: 'required' | 'optional'): Subject | undefined {
    if (caller.deviceId !== undefined) {
      if (bodyDevice !== undefined && !this.faults.has('unnecessary-device-accepted')) {
        throw unprocessable('UNNECESSARY_IDENTIFIER', 'The device is already identified by the access token.');
      }
      const device = this.applicable(this.byId(caller.deviceId)!);
      return { device, echo: this.faults.has('device-echo-3legged') ? firstIdentifier(device) : undefined };
    }
    if (bodyDevice === undefined) {
      if (need === 'optional') return undefined;
      if (this.faults.has('missing-device-accepted')) return { device: { id: 'unidentified' } };
      throw unprocessable('MISSING_IDENTIFIER', 'The device cannot be identified.');
    }
    return this.fromBody(bodyDevice);
  }

  private fromBody(bodyDevice: DeviceId): Subject {
    // Several identifiers: use the first supported one in our preference order, without checking
    // that the others point to the same device (1.1.0 DeviceResponse rule), and echo only that one.
    const kind = this.supported.find((k) => bodyDevice[k] !== undefined);
    if (kind === undefined) {
      throw unprocessable('UNSUPPORTED_IDENTIFIER', 'The identifier provided is not supported.');
    }
    const echo: DeviceId = this.faults.has('device-echo-all-identifiers') ? { ...bodyDevice } : { [kind]: bodyDevice[kind] };
    const device = this.devices.find((d) => identifies(d, kind, bodyDevice));
    if (!device) {
      if (this.faults.has('unknown-device-201')) return { device: { id: `unknown:${JSON.stringify(echo)}` }, echo };
      throw new ApiError(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
    }
    if (this.faults.has('device-echo-other-identifier')) return { device: this.applicable(device), echo: otherIdentifier(device, kind) ?? echo };
    return { device: this.applicable(device), echo };
  }

  /** A device the network knows but QoD is not offered for: 422 SERVICE_NOT_APPLICABLE. */
  private applicable(device: DeviceRecord): DeviceRecord {
    if (device.serviceApplicable === false && !this.faults.has('ineligible-device-accepted')) {
      throw unprocessable('SERVICE_NOT_APPLICABLE', 'The service is not available for the provided identifier.');
    }
    return device;
  }
}

/** An identifier of the device of another kind than `kind` (fault device-echo-other-identifier). */
function otherIdentifier(device: DeviceRecord, kind: IdentifierKind): DeviceId | undefined {
  const other = IDENTIFIER_KINDS.find((k) => k !== kind && device[k] !== undefined);
  return other ? { [other]: device[other] } : undefined;
}

function firstIdentifier(device: DeviceRecord): DeviceId | undefined {
  const kind = IDENTIFIER_KINDS.find((k) => device[k] !== undefined);
  return kind ? { [kind]: device[kind] } : undefined;
}

function identifies(device: DeviceRecord, kind: IdentifierKind, given: DeviceId): boolean {
  switch (kind) {
    case 'phoneNumber':
    case 'networkAccessIdentifier':
      return device[kind] !== undefined && device[kind] === given[kind];
    case 'ipv4Address': {
      // publicAddress plus whichever of privateAddress / publicPort was given must all match.
      const known = device.ipv4Address;
      const asked = given.ipv4Address!;
      if (!known || known.publicAddress !== asked.publicAddress) return false;
      if (asked.privateAddress !== undefined && asked.privateAddress !== known.privateAddress) return false;
      if (asked.publicPort !== undefined && asked.publicPort !== known.publicPort) return false;
      return true;
    }
    case 'ipv6Address':
      // Any address inside the device's /64 identifies it (DeviceIpv6Address description).
      return device.ipv6Address !== undefined && samePrefix64(device.ipv6Address, given.ipv6Address!);
  }
}

function samePrefix64(a: string, b: string): boolean {
  const ga = ipv6Groups(a);
  const gb = ipv6Groups(b);
  return ga !== undefined && gb !== undefined && ga.slice(0, 4).every((g, i) => g === gb[i]);
}

/** Eight 16-bit groups of an IPv6 address (no embedded IPv4 form), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2 || address.includes('.')) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
