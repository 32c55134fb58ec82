// badge.svg: a shields.io-style "flat" badge, e.g. [QoD 1.1.0 | conformant].
import type { Verdict } from './verdict.js';

const COLOURS: Record<Verdict, string> = {
  CONFORMANT: '#4c1',
  'NOT CONFORMANT': '#e05d44',
  INCOMPLETE: '#dfb317',
  'TOOL ERROR': '#9f9f9f',
};

export function badgeMessage(verdict: Verdict, failures: number): string {
  switch (verdict) {
    case 'CONFORMANT':
      return 'conformant';
    case 'NOT CONFORMANT':
      return failures === 1 ? '1 failure' : `${failures} failures`;
    case 'INCOMPLETE':
      return 'incomplete';
    case 'TOOL ERROR':
      return 'tool error';
  }
}

/** `label`: what was certified, e.g. "QoD 1.1.0" (src/report/run-record.ts targetLabel). */
export function renderBadge(label: string, verdict: Verdict, failures: number): string {
  const message = badgeMessage(verdict, failures);
  const left = Math.round(textWidth(label) + 10);
  const right = Math.round(textWidth(message) + 10);
  const width = left + right;
  const colour = COLOURS[verdict];
  const title = escapeXml(`${label}: ${message}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">
<title>${title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(label)}</text><text x="${left / 2}" y="14">${escapeXml(label)}</text>
<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(message)}</text><text x="${left + right / 2}" y="14">${escapeXml(message)}</text>
</g>
</svg>
`;
}

/** Rough Verdana 11px advance widths; close enough for a badge without a font engine. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if ("ijl.,:;!|' ".includes(ch)) width += 3.5;
    else if ('frt()-[]'.includes(ch)) width += 4.5;
    else if ('mwMW'.includes(ch)) width += 10;
    else if (/[A-Z]/.test(ch)) width += 7.5;
    else width += 6.8;
  }
  return width;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
