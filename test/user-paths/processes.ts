// Commands of the user paths: run to completion with their output kept for the failure message, or
// started and stopped (the providers the CI paths run against).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/ports.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The command and the end of its output, for an assertion's message. */
  describe: () => string;
}

/** The environment a user's shell has: this one without the QOD_ variables of whoever runs CI. */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('QOD_')) env[key] = value;
  return { ...env, ...extra };
}

export function run(file: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 480_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const tail = (text: string) => text.split('\n').slice(-25).join('\n');
      resolve({ code, stdout, stderr, describe: () => `${file} ${args.join(' ')} (in ${opts.cwd}) exited ${code}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}` });
    });
  });
}

/** A shell command line as a CI job runs it: bash, stopping at the first failing command. */
export const shell = (line: string, opts: { cwd: string; env?: NodeJS.ProcessEnv }) => run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line], opts);

/** Fails with the command and its output unless it exited with `code`. */
export function expectExit(ran: Ran, code: number): Ran {
  if (ran.code !== code) throw new Error(`expected exit ${code}: ${ran.describe()}`);
  return ran;
}

const started: ChildProcess[] = [];

/** `qod-conformance serve` of an installed tool on a free port, with the config it writes for itself. */
export async function startProvider(bin: string, configFile: string, cwd: string): Promise<{ baseUrl: string; port: number }> {
  const port = await freePort();
  const child = spawn(bin, ['serve', '--port', String(port), '--write-config', configFile], { cwd, env: userEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // The file exists before it is written in full: wait until it reads as JSON.
  const complete = () => {
    try {
      JSON.parse(readFileSync(configFile, 'utf8'));
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 600 && !complete(); i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    await sleep(100);
  }
  if (!complete()) throw new Error(`serve wrote no complete ${configFile} within 60 s: ${stderr}`);
  return { baseUrl: `http://127.0.0.1:${port}/quality-on-demand/v1`, port };
}

export function stopProviders(): void {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
}
