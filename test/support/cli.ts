// Runs the real, compiled CLI (npm test builds first) as a user would, and captures its output.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'dist/src/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'qod-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const key of Object.keys(env)) if (key.startsWith('QOD_') && !(opts.env && key in opts.env)) delete env[key];
    // One worker process per run unless the test says otherwise: the test files already run side by
    // side, and a second worker costs a process that loads the tool and compiles the spec (about 1 s
    // of CPU per run, on a 2-CPU machine running four test files at once).
    if (!args.includes('--workers') && !(opts.env && 'QOD_WORKERS' in opts.env)) env.QOD_WORKERS = '1';
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    if (child.pid) opts.onSpawn?.(child.pid);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
