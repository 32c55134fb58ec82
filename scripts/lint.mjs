// `npm run lint`: ESLint and Prettier's check at once (each keeps one CPU busy for several seconds,
// one after the other they cost `npm test` about 16 s, side by side about 9 s). Each tool's output is
// printed whole when it ends, so the two never interleave; the exit code fails when either fails.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const TOOLS = [
  ['eslint', ['.']],
  ['prettier', ['--check', '.']],
];

function run([bin, args]) {
  return new Promise((resolve) => {
    // npm puts node_modules/.bin on PATH for its scripts.
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('error', (error) => resolve({ bin, code: 1, text: `${bin}: ${error.message}\n` }));
    child.on('close', (code) => resolve({ bin, code: code ?? 1, text: Buffer.concat(out).toString() }));
  });
}

const results = await Promise.all(TOOLS.map(run));
for (const { bin, code, text } of results) {
  if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (code !== 0) process.stderr.write(`lint: ${bin} failed (exit ${code})\n`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
