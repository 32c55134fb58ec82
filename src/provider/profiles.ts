// The QoS profile catalogue: lookup, filters, who may use a profile, and duration limits.
import type { FaultSet } from './faults.js';
import type { DurationValue, ProfileEntry, QosProfile } from './fixtures.js';

const SECONDS_PER_UNIT: Record<DurationValue['unit'], number> = {
  Days: 86_400,
  Hours: 3_600,
  Minutes: 60,
  Seconds: 1,
  Milliseconds: 1e-3,
  Microseconds: 1e-6,
  Nanoseconds: 1e-9,
};

export interface ProfileFilter {
  name?: string;
  status?: QosProfile['status'];
  /** Device the list is for; undefined: no device filter (restricted profiles are left out). */
  deviceId?: string;
}

export class ProfileCatalog {
  constructor(
    private readonly entries: readonly ProfileEntry[],
    private readonly faults: FaultSet,
  ) {}

  find(name: string): ProfileEntry | undefined {
    return this.entries.find((e) => this.sameName(e.profile.name, name));
  }

  /** Names are matched exactly (fault profile-name-case-insensitive: ignoring case, as some providers do). */
  private sameName(a: string, b: string): boolean {
    return this.faults.has('profile-name-case-insensitive') ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  /** Unrestricted profiles are offered to every device; restricted ones only to their devices. */
  offeredTo(entry: ProfileEntry, deviceId: string | undefined): boolean {
    if (!entry.restrictedToDevices) return true;
    return deviceId !== undefined && entry.restrictedToDevices.includes(deviceId);
  }

  /** Usable for a new session: ACTIVE (not INACTIVE / DEPRECATED) and offered to the device. */
  usableBy(entry: ProfileEntry, deviceId: string): boolean {
    const activeOk = entry.profile.status === 'ACTIVE' || this.faults.has('inactive-profile-accepted');
    return activeOk && this.offeredTo(entry, deviceId);
  }

  list(filter: ProfileFilter): QosProfile[] {
    const ignoreStatus = this.faults.has('profile-filter-ignored');
    const leakRestricted = this.faults.has('restricted-profile-leaked') && filter.deviceId === undefined;
    return this.entries
      .filter((e) => filter.name === undefined || this.sameName(e.profile.name, filter.name))
      .filter((e) => ignoreStatus || filter.status === undefined || e.profile.status === filter.status)
      .filter((e) => leakRestricted || this.offeredTo(e, filter.deviceId))
      .map((e) => this.view(e));
  }

  /** The profile as the API returns it (a copy: callers may not alter the catalogue). */
  view(entry: ProfileEntry): QosProfile {
    const profile = structuredClone(entry.profile);
    if (this.faults.has('profile-schema-violation') && profile.maxDuration) {
      (profile.maxDuration as { unit: string }).unit = 'seconds';
    }
    if (this.faults.has('profile-durations-inverted') && profile.minDuration && profile.maxDuration) {
      [profile.minDuration, profile.maxDuration] = [profile.maxDuration, profile.minDuration];
    }
    return profile;
  }

  /** [min, max] whole seconds a session with this profile may last (defaults: 1, unlimited). */
  durationLimits(entry: ProfileEntry): { min: number; max: number } {
    const { minDuration, maxDuration } = entry.profile;
    const min = minDuration ? Math.max(1, Math.ceil(toSeconds(minDuration))) : 1;
    const max = maxDuration ? Math.floor(toSeconds(maxDuration)) : Number.POSITIVE_INFINITY;
    return { min, max };
  }
}

export function toSeconds(d: DurationValue): number {
  return d.value * SECONDS_PER_UNIT[d.unit];
}
