// Reads the text of a vitest annotation attachment, whatever way the suite attached it.
import { readFileSync } from 'node:fs';
import type { TestCase } from 'vitest/node';

export type Annotation = ReturnType<TestCase['annotations']>[number];

/** Attachment bodies default to bodyEncoding "base64" even when a suite passed plain JSON, so a
 *  body that already looks like JSON is taken as is. */
export function decodeBody(body: string, encoding: 'base64' | 'utf-8' | undefined): string {
  if (encoding === 'utf-8') return body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) return body;
  return Buffer.from(body, 'base64').toString('utf8');
}

/** The attachment as text, or undefined when there is none (or its file is gone). */
export function attachmentText(annotation: Annotation): string | undefined {
  const attachment = annotation.attachment;
  if (!attachment) return undefined;
  if (typeof attachment.body === 'string') return decodeBody(attachment.body, attachment.bodyEncoding);
  if (attachment.body instanceof Uint8Array) return Buffer.from(attachment.body).toString('utf8');
  if (attachment.path && !/^https?:\/\//.test(attachment.path)) {
    try {
      return readFileSync(attachment.path, 'utf8');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The attachment parsed as JSON; undefined when absent or not JSON. */
export function attachmentJson(annotation: Annotation): unknown {
  const text = attachmentText(annotation);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
