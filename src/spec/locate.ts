// Follows a path through an OpenAPI document as written (with its $refs), so that a rule found
// in the dereferenced tree can be reported where it lives, e.g. "#/components/schemas/Port".
import { escapeSegment, isObject, pointerSegments, type JsonObject } from './json.js';

export interface Tracker {
  /** The document as parsed; undefined when only pointer arithmetic is possible. */
  readonly doc: JsonObject | undefined;
  /** The node reached, when known. */
  readonly node: unknown;
  /** JSON pointer of the node reached (a $ref target once a $ref was followed). */
  readonly loc: string;
}

function child(node: unknown, seg: string): unknown {
  if (Array.isArray(node)) return node[Number(seg)];
  return isObject(node) ? node[seg] : undefined;
}

function get(doc: JsonObject, pointer: string): unknown {
  let node: unknown = doc;
  for (const seg of pointerSegments(pointer)) node = child(node, seg);
  return node;
}

/** Follow local $refs; an external one ends the walk (its text becomes the location). */
function settle(doc: JsonObject | undefined, node: unknown, loc: string): Tracker {
  let n = node;
  let l = loc;
  for (let hops = 0; hops < 32 && isObject(n) && typeof n.$ref === 'string'; hops++) {
    const ref = n.$ref;
    if (!doc || !ref.startsWith('#')) return { doc: undefined, node: undefined, loc: ref };
    l = ref;
    n = get(doc, ref);
  }
  return { doc, node: n, loc: l };
}

export function startAt(doc: JsonObject | undefined, pointer: string): Tracker {
  let t: Tracker = settle(doc, doc, '#');
  for (const seg of pointerSegments(pointer)) t = step(t, seg);
  return t;
}

export function step(t: Tracker, seg: string): Tracker {
  return settle(t.doc, child(t.node, seg), `${t.loc}/${escapeSegment(seg)}`);
}

/** Step into a map member whose key matches case-insensitively (header names). */
export function stepKey(t: Tracker, key: string): Tracker {
  if (isObject(t.node)) {
    const found = Object.keys(t.node).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found !== undefined) return step(t, found);
  }
  return step(t, key);
}
