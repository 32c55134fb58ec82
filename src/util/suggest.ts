// "Did you mean": the known name closest to a mistyped one, when it is close enough to be a typo.
import { closest, distance } from 'fastest-levenshtein';

/** The candidate `value` is most likely a typo of, or undefined when none is near. */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  // Case alone (baseURL for baseUrl) is always a typo.
  const sameCase = candidates.find((c) => c.toLowerCase() === value.toLowerCase());
  if (sameCase) return sameCase;
  const best = closest(
    value.toLowerCase(),
    candidates.map((c) => c.toLowerCase()),
  );
  const index = candidates.findIndex((c) => c.toLowerCase() === best);
  // About commander's own bound for flags: at most 40% of the word may differ.
  return distance(value.toLowerCase(), best) <= Math.max(1, Math.floor(value.length * 0.4)) ? candidates[index] : undefined;
}

/** ` (did you mean "x"?)`, or '' when nothing is near. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const near = nearest(value, candidates);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}
