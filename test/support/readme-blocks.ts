// The README's runnable examples, found by their `<!-- user-paths: NAME ... -->` marker (the fenced
// block right after it), so the tests and .ci/user-paths follow every edit of the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.js';

export interface ReadmeBlock {
  lang: string;
  text: string;
}

export function readmeBlock(name: string, readme = readFileSync(join(REPO, 'README.md'), 'utf8')): ReadmeBlock {
  const marker = new RegExp(`<!-- user-paths: ${name} [^\\n]*\\n\`\`\`(\\w*)\\n([\\s\\S]*?)\`\`\`\\n`);
  const match = marker.exec(readme);
  if (!match) throw new Error(`README.md has no fenced block after <!-- user-paths: ${name} -->`);
  return { lang: match[1]!, text: match[2]! };
}

/** A shell block's commands: comments dropped, `\` continuations joined, one entry a command. */
export function shellCommands(block: ReadmeBlock): string[] {
  return block.text
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}
