// --check ID: the checks a run is narrowed to, found in the registry. An unknown ID is a usage
// error that names the IDs it may have meant.
import { UsageError } from '../errors.js';
import type { CheckRecord } from './spec.js';

/** The suite files (compiled paths) that hold the checks `ids`; throws UsageError for an unknown ID. */
export function filesOfChecks(ids: readonly string[], records: readonly CheckRecord[]): string[] {
  const files = new Set<string>();
  for (const id of ids) {
    const found = records.find((r) => r.id === id);
    if (!found) throw new UsageError(`--check ${id}: no such check${suggest(id, records)} (qod-conformance checks lists them)`);
    files.add(found.file);
  }
  return [...files];
}

/** Up to three IDs that contain the given text or its last part (a scenario's tail, a check's name). */
function suggest(id: string, records: readonly CheckRecord[]): string {
  const needle = id.toLowerCase();
  const tail = needle.split(/[._:]/).filter(Boolean).pop() ?? needle;
  const ids = records.map((r) => r.id);
  // The whole text inside an ID first, then its last part.
  const whole = ids.filter((id) => id.toLowerCase().includes(needle) || needle.includes(id.toLowerCase()));
  const near = [...whole, ...ids.filter((id) => !whole.includes(id) && id.toLowerCase().includes(tail))];
  return near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : '';
}
