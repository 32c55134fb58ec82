// Order of the project's own test files: the long ones (batches of embedded runs, CLI runs of a
// whole suite) start first, longest first, so that the two workers end together instead of one of
// them running a long file alone at the end. vitest's own order (slowest first from its cache, else
// the biggest file) has no cache in a fresh clone (CI), and the longest files are among the
// smallest. A long file says so in its header, with its measured time on one worker:
// `// test-order: long, about 120 s`.
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG_MARKER = /^\/\/ test-order: long, about (\d+) s/m;

/** The seconds a long file's header declares, or undefined for a file that is not marked long. */
export function declaredSeconds(file: string): number | undefined {
  const m = LONG_MARKER.exec(readFileSync(file, 'utf8').slice(0, 4096));
  return m ? Number(m[1]) : undefined;
}

/** The long files first, longest first; the others after them in their given order. */
export function longFirst<T>(items: readonly T[], fileOf: (item: T) => string): T[] {
  const seconds = new Map(items.map((i) => [i, declaredSeconds(fileOf(i))] as const));
  const long = items.filter((i) => seconds.get(i) !== undefined).sort((a, b) => seconds.get(b)! - seconds.get(a)!);
  return [...long, ...items.filter((i) => seconds.get(i) === undefined)];
}

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longFirst(await super.sort(files), (f) => f.moduleId);
  }
}
