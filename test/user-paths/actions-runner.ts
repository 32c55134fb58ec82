// A stand-in for the GitHub Actions runner, enough for action.yml: its composite steps run in order
// as the runner runs them (`${{ }}` expressions substituted, bash with -eo pipefail, the step's env
// and working-directory, GITHUB_ACTION_PATH, a GITHUB_OUTPUT file per step, later steps skipped after
// a failure unless `if: always()`). The two marketplace actions cannot run here: setup-node and
// upload-artifact are stood in for by assertions on their inputs (`uses` handlers). An expression,
// shell or action this stand-in does not know fails the run instead of being skipped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, userEnv, type Ran } from './processes.js';

export interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
  'working-directory'?: string;
}

export interface CompositeAction {
  inputs: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface Context {
  inputs: Record<string, string>;
  workspace: string;
  steps: Record<string, Record<string, string>>;
}

/** What a stood-in `uses:` step does with its (substituted) inputs; throws when they are wrong. */
export type UsesHandler = (inputs: Record<string, string>) => void;

export interface ActionRun {
  /** The exit code of the first failed step (0 when none failed): what fails the job. */
  code: number;
  outputs: Record<string, string>;
  ran: Array<{ step: string; result?: Ran; skipped?: boolean }>;
}

export function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      if (!(input[1]! in ctx.inputs)) throw new Error(`the action reads an undeclared input: ${expr}`);
      return ctx.inputs[input[1]!]!;
    }
    if (expr === 'github.workspace') return ctx.workspace;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return ctx.steps[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`an expression the stand-in runner does not evaluate: \${{ ${expr} }}`);
  });
}

/** GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks. */
export function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

export async function runCompositeAction(
  action: CompositeAction,
  opts: { actionPath: string; workspace: string; with: Record<string, string>; uses: Record<string, UsesHandler>; temp: string; env?: NodeJS.ProcessEnv },
): Promise<ActionRun> {
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  for (const name of Object.keys(opts.with)) if (!(name in action.inputs)) throw new Error(`input ${name} is not declared by the action`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, def]) => [name, opts.with[name] ?? def.default ?? '']));
  const ctx: Context = { inputs, workspace: opts.workspace, steps: {} };
  const result: ActionRun = { code: 0, outputs: {}, ran: [] };
  mkdirSync(opts.temp, { recursive: true });
  for (const [index, step] of action.runs.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${index + 1}`;
    if (step.if !== undefined && step.if !== 'always()') throw new Error(`an if: the stand-in runner does not evaluate: ${step.if}`);
    if (result.code !== 0 && step.if !== 'always()') {
      result.ran.push({ step: label, skipped: true });
      continue;
    }
    if (step.uses) {
      const handler = opts.uses[step.uses];
      if (!handler) throw new Error(`no stand-in for ${step.uses}`);
      handler(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)])));
      result.ran.push({ step: label });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`${label}: shell ${step.shell ?? '(none)'}; the stand-in runs bash steps only`);
    const script = join(opts.temp, `step-${index}.sh`);
    const outputFile = join(opts.temp, `step-${index}.output`);
    writeFileSync(script, expand(step.run ?? '', ctx));
    writeFileSync(outputFile, '');
    const env = userEnv({
      ...opts.env,
      GITHUB_ACTION_PATH: opts.actionPath,
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: opts.temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
    });
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), ctx);
    const cwd = step['working-directory'] ? expand(step['working-directory'], ctx) : opts.workspace;
    const ran = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    if (step.id) ctx.steps[step.id] = readOutputs(readFileSync(outputFile, 'utf8'));
    result.ran.push({ step: label, result: ran });
    if (ran.code !== 0 && result.code === 0) result.code = ran.code ?? 1;
  }
  for (const [name, def] of Object.entries(action.outputs ?? {})) result.outputs[name] = expand(def.value, ctx);
  return result;
}
