// The evidence of one test as HTML: failure details, HTTP transcript, callbacks, counterexample.
import type { RecordedExchange, SinkRecord } from '../../evidence/types.js';
import type { FailureInfo, TestOutcome } from '../model.js';
import { esc, headerLines, prettyBody } from './escape.js';

export function failureDetails(failure: FailureInfo, test?: TestOutcome): string {
  const rows: Array<[string, string | undefined]> = [
    ['rule', failure.rule ?? test?.rule],
    ['expected', failure.expected],
    ['actual', failure.actual],
  ];
  const kv = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(v)}</code></dd>`)
    .join('');
  // A ConformanceFailure's message repeats rule/expected/actual: show its summary line only.
  const message = failure.name === 'ConformanceFailure' ? `<p class="summary"><strong>${esc(failure.message.split('\n', 1)[0])}</strong></p>` : `<pre class="message">${esc(failure.message)}</pre>`;
  return `${message}${kv ? `<dl class="kv">${kv}</dl>` : ''}`;
}

export function transcript(exchanges: ReadonlyArray<RecordedExchange>): string {
  return exchanges.map(exchangeHtml).join('');
}

/** Bodies longer than this many lines are folded: a failure stays readable without scrolling past them. */
export const FOLD_LINES = 40;

/** A body as a <pre>, folded into <details> with its size shown when it is longer than FOLD_LINES. */
export function bodyHtml(label: string, cls: string, raw: string): string {
  const text = prettyBody(raw);
  const lines = text.split('\n').length;
  const pre = `<pre class="${esc(cls)}">${esc(text)}</pre>`;
  if (lines <= FOLD_LINES) return pre;
  return `<details class="folded"><summary>${esc(label)}: ${esc(lines)} lines, ${esc(sizeOf(raw))}</summary>${pre}</details>`;
}

/** "812 B", "4.2 KB", "1.3 MB" (UTF-8 bytes of the body as received). */
export function sizeOf(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function exchangeHtml(x: RecordedExchange): string {
  const request = [`${x.request.method} ${x.request.url}`, headerLines(x.request.headers)].filter(Boolean).join('\n');
  const requestBody = x.request.body ? bodyHtml('request body', 'request-body', x.request.body) : '';
  const response = x.response ? [`HTTP ${x.response.status}`, headerLines(x.response.headers)].filter(Boolean).join('\n') : undefined;
  const responseBody = x.response?.body ? bodyHtml('response body', 'response-body', x.response.body) : '';
  const op = x.operationId ? ` · ${esc(x.operationId)}` : '';
  return `<div class="exchange">
<h4>#${esc(x.seq)} ${esc(x.request.method)} ${esc(x.request.url)}${op} <span class="muted">(${esc(x.startedAt)}, ${esc(x.durationMs)} ms)</span></h4>
<div class="muted">request</div><pre class="request">${esc(request)}</pre>${requestBody}
${response !== undefined ? `<div class="muted">response</div><pre class="response">${esc(response)}</pre>${responseBody}` : ''}
${x.error ? `<div class="muted">transport error</div><pre class="transport-error">${esc(x.error)}</pre>` : ''}
<div class="muted">reproduce</div><pre class="curl">${esc(x.curl)}</pre>
</div>`;
}

export function callbacksHtml(callbacks: ReadonlyArray<SinkRecord>): string {
  if (callbacks.length === 0) return '';
  const items = callbacks.map((c) => {
    const text = [`${c.method} ${c.path}`, headerLines(c.headers)].filter(Boolean).join('\n');
    const body = c.body ? bodyHtml('callback body', 'callback-body', c.body) : '';
    return `<div class="muted">#${esc(c.seq)} received ${esc(c.receivedAt)}</div><pre class="callback">${esc(text)}</pre>${body}`;
  });
  return `<h4>Callbacks received by the sink</h4>${items.join('')}`;
}

/** Everything recorded for a test, as shown under a failure or in the full test list. */
export function testEvidence(test: TestOutcome): string {
  const parts: string[] = [];
  if (test.counterexample) {
    const data = test.counterexample.data === undefined ? '' : `<pre>${esc(JSON.stringify(test.counterexample.data, null, 2))}</pre>`;
    parts.push(`<h4>Counterexample</h4><pre class="counterexample">${esc(test.counterexample.message)}</pre>${data}`);
  }
  if (test.exchanges.length > 0) parts.push(`<h4>HTTP transcript</h4>${transcript(test.exchanges)}`);
  parts.push(callbacksHtml(test.callbacks));
  if (test.evidenceProblems) {
    parts.push(`<h4>Unreadable evidence</h4><ul>${test.evidenceProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`);
  }
  return parts.join('');
}
