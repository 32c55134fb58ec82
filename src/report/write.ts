// The one place report files are written: every byte goes through redaction first.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactText } from './run-record.js';

/** Writes `content` (redacted) to reportDir/name and returns the file's path. */
export async function writeArtifact(reportDir: string, name: string, content: string, secrets: ReadonlyArray<string>): Promise<string> {
  await mkdir(reportDir, { recursive: true });
  const path = join(reportDir, name);
  await writeFile(path, redactText(content, secrets), 'utf8');
  return path;
}

export const ARTIFACTS = {
  junit: 'junit.xml',
  json: 'report.json',
  html: 'report.html',
  badge: 'badge.svg',
} as const;
