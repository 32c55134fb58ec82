// Values for the string formats the QoD documents use (date-time, uri, ipv4, ipv6, uuid, ...).
import fc from 'fast-check';

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** RFC 5952 text form: lower case, no leading zeros, the longest run (>= 2) of zero groups as "::". */
export function ipv6Text(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const ipv4 = () => fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));

const ipv6 = () =>
  fc
    .tuple(fc.array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 }), fc.constantFrom(0x2001, 0x2a00, 0xfd00, 0xfe80))
    .map(([groups, prefix]) => ipv6Text([prefix, ...groups.slice(1)]));

const dateTime = () =>
  fc
    .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.boolean())
    .map(([d, millis]) => (millis ? d.toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z')));

const httpsUrl = () => fc.tuple(fc.domain(), fc.array(fc.stringMatching(/^[a-z0-9_-]{1,12}$/), { maxLength: 3 })).map(([host, segments]) => `https://${host}/${segments.join('/')}`);

// Arbitraries are immutable descriptions, and building some costs milliseconds (fast-check
// tokenizes the characters of stringMatching and domain): one per format for the process.
const byFormat = new Map<unknown, fc.Arbitrary<string> | undefined>();

/** An arbitrary for `format`, or undefined when the format puts no constraint we know of. */
export function formatArbitrary(format: unknown): fc.Arbitrary<string> | undefined {
  if (!byFormat.has(format)) byFormat.set(format, buildFormatArbitrary(format));
  return byFormat.get(format);
}

function buildFormatArbitrary(format: unknown): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'date-time':
      return dateTime();
    case 'date':
      return dateTime().map((s) => s.slice(0, 10));
    case 'time':
      return fc.tuple(fc.nat(23), fc.nat(59), fc.nat(59)).map(([h, m, s]) => `${twoDigits(h)}:${twoDigits(m)}:${twoDigits(s)}Z`);
    case 'uuid':
      return fc.uuid();
    case 'ipv4':
      return ipv4();
    case 'ipv6':
      return ipv6();
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference':
      return httpsUrl();
    case 'email':
      return fc.emailAddress();
    case 'hostname':
      return fc.domain();
    case 'byte':
      return fc.base64String({ maxLength: 64 });
    default:
      return undefined;
  }
}

/** Bounds an integer format imposes. */
export function integerFormatBounds(format: unknown): { min: number; max: number } | undefined {
  if (format === 'int32') return { min: -(2 ** 31), max: 2 ** 31 - 1 };
  if (format === 'int64') return { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  return undefined;
}
