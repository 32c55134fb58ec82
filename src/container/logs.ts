// The last lines a container wrote (stdout and stderr), kept while it runs: what the report shows
// and what a startup failure quotes. Redaction happens when the text is read, with the secrets
// known by then.
import type { Readable } from 'node:stream';
import { redactText } from '../report/run-record.js';
import { LOG_TAIL_LINES } from './types.js';

const MAX_LINE = 2_000;

export class LogTail {
  private readonly lines: string[] = [];
  private partial = '';
  private dropped = 0;

  constructor(private readonly max = LOG_TAIL_LINES) {}

  follow(stream: Readable): void {
    stream.on('data', (chunk: Buffer | string) => this.push(chunk.toString()));
    stream.on('end', () => this.flush());
    stream.on('error', () => this.flush());
  }

  push(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
    if (this.partial.length > MAX_LINE) this.flush();
  }

  /** The last lines, secrets replaced by [REDACTED]; '' when the container wrote nothing. */
  text(secrets: ReadonlyArray<string>): string {
    const lines = this.partial ? [...this.lines, this.partial] : this.lines;
    if (!lines.length) return '';
    const head = this.dropped ? `[… ${this.dropped} earlier line(s) not kept]\n` : '';
    return redactText(head + lines.join('\n'), secrets);
  }

  /** The last line that is not blank, redacted (for one-line error messages). */
  lastLine(secrets: ReadonlyArray<string>): string | undefined {
    const lines = this.partial ? [...this.lines, this.partial] : this.lines;
    const last = [...lines].reverse().find((l) => l.trim() !== '');
    return last === undefined ? undefined : redactText(last.trim(), secrets).slice(0, 300);
  }

  private flush(): void {
    if (this.partial) this.add(this.partial);
    this.partial = '';
  }

  private add(line: string): void {
    this.lines.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)} […]` : line);
    if (this.lines.length > this.max) {
      this.lines.shift();
      this.dropped++;
    }
  }
}
