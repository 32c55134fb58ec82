// The CI gate (action.yml, the example workflow, the README's GitLab and docker run snippets): each is valid YAML and
// the command it runs is an invocation the CLI's own parser accepts; the action passes the tool's exit
// code on (a failed run fails the job) and uploads the reports even then.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_OPTIONS, envName } from '../../src/cli/options.js';
import { buildProgram, type ParsedCommand } from '../../src/cli/program.js';
import { REPO, tempDir } from '../support/cli.js';
import { readmeBlock, shellCommands } from '../support/readme-blocks.js';

const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

const readYaml = <T>(path: string) => load(readFileSync(join(REPO, path), 'utf8')) as T;

/** argv as the CLI's own parser reads it; throws on an unknown flag or a bad value. */
function parse(args: string[]): ParsedCommand {
  let parsed: ParsedCommand | undefined;
  buildProgram('0.0.0', (p) => (parsed = p)).parse(args, { from: 'user' });
  if (!parsed) throw new Error(`no command parsed from ${JSON.stringify(args)}`);
  return parsed;
}

/** Runs the action's run step with a stand-in npx that records its argv and exits with `exitCode`. */
function runActionStep(step: Step, inputs: Record<string, string>, exitCode: number): { code: number; argv: string[]; output: string } {
  const dir = tempDir('qod-action-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const argvFile = join(dir, 'argv.json');
  writeFileSync(join(bin, 'npx'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)));\nprocess.exit(${exitCode});\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  const script = join(dir, 'step.sh');
  writeFileSync(script, step.run!);
  const env: NodeJS.ProcessEnv = { PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: join(dir, 'output') };
  for (const [name, value] of Object.entries(inputs)) env[`QOD_IN_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  let code = 0;
  try {
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env, stdio: 'pipe' });
  } catch (error) {
    code = (error as { status: number }).status;
  }
  return { code, argv: JSON.parse(readFileSync(argvFile, 'utf8')) as string[], output: readFileSync(join(dir, 'output'), 'utf8') };
}

/** The tool's own argv in a recorded npx call: what follows "qod-conformance". */
const toolArgs = (argv: string[]) => argv.slice(argv.indexOf('qod-conformance') + 1);

const action = readYaml<Action>('action.yml');
const runStep = action.runs.steps.find((s) => s.id === 'run')!;
const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));

describe('composite action', () => {
  it('is a composite action that runs npx qod-conformance and uploads the reports even on failure', () => {
    expect(action.runs.using).toBe('composite');
    expect(runStep.run).toMatch(/npx --no-install --prefix "\$GITHUB_ACTION_PATH" qod-conformance "\$\{args\[@\]\}"/);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(String(upload?.with?.path)).toContain('inputs.report-dir');
    for (const input of ['base-url', 'image', 'api-version', 'config', 'args']) expect(action.inputs).toHaveProperty(input);
  });

  it('builds a valid invocation from its inputs and fails the step with the exit code of the run', () => {
    const { code, argv, output } = runActionStep(
      runStep,
      { ...defaults, 'base-url': 'https://api.example.com/quality-on-demand/v1', 'api-version': 'auto', config: 'operator.json', args: '--profile safe --max-rps 5' },
      1,
    );
    expect(code).toBe(1);
    expect(output).toContain('exit-code=1');
    const parsed = parse(toolArgs(argv));
    expect(parsed.command).toBe('run');
    expect(parsed.flags).toMatchObject({
      baseUrl: 'https://api.example.com/quality-on-demand/v1',
      apiVersion: 'auto',
      config: 'operator.json',
      profile: 'safe',
      maxRps: 5,
      reportDir: 'qod-conformance-report',
    });
  });

  it('runs an image and passes on a clean exit', () => {
    const { code, argv } = runActionStep(runStep, { ...defaults, image: 'acme/qod:1.4', 'container-port': '8080', 'api-version': '1.1.0' }, 0);
    expect(code).toBe(0);
    expect(parse(toolArgs(argv)).flags).toMatchObject({ image: 'acme/qod:1.4', containerPort: 8080, apiVersion: '1.1.0' });
  });

  it('a mistyped extra flag is a usage error of the tool, not silently ignored', () => {
    const { argv } = runActionStep(runStep, { ...defaults, 'base-url': 'https://x.example/quality-on-demand/v1', args: '--max-rsp 5' }, 2);
    expect(() => parse(toolArgs(argv))).toThrow(/unknown option '--max-rsp'/);
  });
});

describe('example workflow', () => {
  it('uses the action with inputs it declares, and the command they make is valid', () => {
    const workflow = readYaml<Workflow>('.github/workflows/qod-conformance-example.yml');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const gate = steps.find((s) => s.uses === './')!;
    const inputs = Object.fromEntries(Object.entries(gate.with ?? {}).map(([k, v]) => [k, String(v)]));
    for (const name of Object.keys(inputs)) expect(action.inputs, `input ${name}`).toHaveProperty(name);
    const { argv } = runActionStep(runStep, { ...defaults, ...inputs }, 0);
    expect(parse(toolArgs(argv)).command).toBe('run');
    // The endpoint it starts is the one it certifies, with the config that serve wrote.
    const serve = steps.find((s) => s.run?.includes('qod-conformance serve'))!;
    const serveLine = serve.run!.split('\n').find((l) => l.includes('qod-conformance serve'))!;
    const serveArgs = toolArgs(words(serveLine.replace(/&\s*$/, '')));
    expect(parse(serveArgs).command).toBe('serve');
    expect(inputs['base-url']).toContain(`:${parse(serveArgs).flags.port as number}/`);
  });
});

/** Shell words of one command line: quotes removed, $VARS left as placeholders. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('GitLab CI and docker run snippets in the README', () => {
  it.each(['gitlab-job', 'gitlab-image-job'])('%s is valid YAML whose qod-conformance command lines parse', (name) => {
    const block = readmeBlock(name);
    expect(block.lang).toBe('yaml');
    const jobs = Object.values(load(block.text) as Record<string, { script?: string[]; variables?: Record<string, string>; artifacts?: { when?: string } }>).filter((j) => j.script);
    // A job variable named like one of the tool's own would set that option in every run.
    const toolEnv = RUN_OPTIONS.map(envName);
    for (const j of jobs) for (const variable of Object.keys(j.variables ?? {})) expect(toolEnv, variable).not.toContain(variable);
    const lines = jobs.flatMap((j) => j.script!).filter((l) => /\bqod-conformance\b/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => parse(toolArgs(words(line.replace(/&\s*$/, ''))))).not.toThrow();
    expect(jobs.some((j) => j.artifacts?.when === 'always')).toBe(true);
  });

  it('the docker run line gives the image valid tool arguments', () => {
    const [line] = shellCommands(readmeBlock('docker-run'));
    const argv = words(line!);
    expect(argv.slice(0, 2)).toEqual(['docker', 'run']);
    // What follows the image is the tool's own command line (the image's entrypoint is the CLI).
    expect(parse(argv.slice(argv.indexOf('$QOD_CONFORMANCE_IMAGE') + 1)).command).toBe('run');
  });
});
