// JSON pointers (RFC 6901) into request bodies: read, replace and remove one node of a copy.
import { escapeSegment, isObject, pointerSegments } from '../spec/json.js';

export { escapeSegment, pointerSegments };

export function childPointer(base: string, segment: string | number): string {
  return `${base}/${escapeSegment(String(segment))}`;
}

/** Parent pointer and last segment ("" has no parent). */
export function splitPointer(pointer: string): { parent: string; key: string } | undefined {
  const i = pointer.lastIndexOf('/');
  if (i < 0) return undefined;
  const segments = pointerSegments(pointer);
  return { parent: pointer.slice(0, i), key: segments[segments.length - 1]! };
}

/** True when `pointer` is `base` or lies below it. */
export function isWithin(pointer: string, base: string): boolean {
  return base === '' || pointer === base || pointer.startsWith(`${base}/`);
}

export function getAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const seg of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isObject(node)) node = node[seg];
    else return undefined;
  }
  return node;
}

/** A deep copy of `value` with the node at `pointer` replaced ("" replaces the whole value). */
export function setAt(value: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === '') return structuredClone(replacement);
  const copy = structuredClone(value);
  const where = splitPointer(pointer)!;
  const parent = getAt(copy, where.parent);
  if (Array.isArray(parent)) parent[Number(where.key)] = structuredClone(replacement);
  else if (isObject(parent)) parent[where.key] = structuredClone(replacement);
  else throw new Error(`no container at ${where.parent || '/'} to set ${pointer}`);
  return copy;
}

/** A deep copy of `value` without the node at `pointer`. */
export function removeAt(value: unknown, pointer: string): unknown {
  const copy = structuredClone(value);
  const where = splitPointer(pointer);
  if (!where) throw new Error('cannot remove the root');
  const parent = getAt(copy, where.parent);
  if (Array.isArray(parent)) parent.splice(Number(where.key), 1);
  else if (isObject(parent)) delete parent[where.key];
  return copy;
}
