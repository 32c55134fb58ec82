// report.html pieces: long bodies are folded with their size, the curl line never is, and the
// failures lead the page when the verdict is NOT CONFORMANT.
import { describe, expect, it } from 'vitest';
import type { RecordedExchange } from '../../src/evidence/types.js';
import { bodyHtml, FOLD_LINES, sizeOf, transcript } from '../../src/report/html/evidence.js';
import { sectionOrder } from '../../src/report/html/render.js';
import type { ReportData } from '../../src/report/report-data.js';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i}`).join('\n');

describe('body folding', () => {
  it(`keeps a body of up to ${FOLD_LINES} lines open`, () => {
    const html = bodyHtml('response body', 'response-body', lines(FOLD_LINES));
    expect(html).toMatch(/^<pre class="response-body">line 0\n/);
    expect(html).not.toContain('<details');
  });

  it('folds a longer body into a closed <details> that shows its size', () => {
    const body = lines(FOLD_LINES + 1);
    const html = bodyHtml('response body', 'response-body', body);
    expect(html).toMatch(new RegExp(`^<details class="folded"><summary>response body: ${FOLD_LINES + 1} lines, ${Buffer.byteLength(body)} B</summary><pre class="response-body">`));
    expect(html).not.toContain('<details class="folded" open');
    expect(html).toContain(`line ${FOLD_LINES}</pre></details>`);
  });

  it('counts the lines of pretty-printed JSON, and escapes the body', () => {
    const json = JSON.stringify(Array.from({ length: 50 }, (_, i) => `<p${i}>`));
    const html = bodyHtml('request body', 'request-body', json);
    expect(html).toContain('<summary>request body: 52 lines,');
    expect(html).toContain('&lt;p0&gt;');
    expect(html).not.toContain('<p0>');
  });

  it('gives sizes in B, KB and MB', () => {
    expect([sizeOf('x'.repeat(812)), sizeOf('x'.repeat(4300)), sizeOf('x'.repeat(1_400_000))]).toEqual(['812 B', '4.2 KB', '1.3 MB']);
  });

  it('keeps the curl line of an exchange outside the fold', () => {
    const exchange: RecordedExchange = {
      seq: 1,
      startedAt: '2025-01-01T00:00:00.000Z',
      durationMs: 3,
      request: { method: 'GET', url: 'https://qod.example/sessions/1', headers: {} },
      response: { status: 200, headers: {}, body: lines(100) },
      curl: "curl 'https://qod.example/sessions/1'",
    };
    const html = transcript([exchange]);
    expect(html).toContain('<summary>response body: 100 lines,');
    const afterFold = html.slice(html.indexOf('</details>'));
    expect(afterFold).toContain('<pre class="curl">curl &#39;https://qod.example/sessions/1&#39;</pre>');
    expect(html.match(/<pre class="curl">/g)).toHaveLength(1);
  });
});

describe('section order', () => {
  const ids = (verdict: ReportData['verdict']): string[] => sectionOrder({ verdict } as ReportData).map(([id]) => id);

  it('puts the failures first when the verdict is NOT CONFORMANT', () => {
    expect(ids('NOT CONFORMANT')).toEqual(['failures', 'run', 'areas', 'coverage', 'rule-coverage', 'advisories', 'standard-notes', 'tool-errors', 'tests']);
  });

  it('keeps the run record first otherwise', () => {
    for (const verdict of ['CONFORMANT', 'INCOMPLETE', 'TOOL ERROR'] as const) {
      expect(ids(verdict)).toEqual(['run', 'areas', 'coverage', 'rule-coverage', 'advisories', 'standard-notes', 'failures', 'tool-errors', 'tests']);
    }
  });
});
