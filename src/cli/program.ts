// The command line: `qod-conformance [run]`, `serve`, `specs`, `checks`, `faults`, `variants`, `cleanup`. Parsing only;
// each command hands a plain object to the layer that does the work.
import { Command, CommanderError, Help, Option } from 'commander';
import { allVersions } from '../config/apis.js';
import { API_IDS } from '../config/types.js';
import { checkChoice } from '../config/sources.js';
import { EXIT } from '../errors.js';
import { RUN_OPTIONS, envName, type OptionDef } from './options.js';

export type CommandName = 'run' | 'serve' | 'specs' | 'faults' | 'variants' | 'cleanup' | 'checks';

export interface ParsedCommand {
  command: CommandName;
  /** Flag values given on the command line, by option key. */
  flags: Record<string, unknown>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function toOption(def: OptionDef): Option {
  const value = def.kind === 'bool' ? '' : def.kind === 'list' ? ` <${def.valueName ?? 'value'}>` : ` <${def.valueName ?? 'value'}>`;
  const option = new Option(`--${def.flag}${value}`, `${def.description} [env ${envName(def)}]`);
  if (def.kind === 'list') option.argParser(def.wholeItems ? (v: string, prev: string[] | undefined) => [...(prev ?? []), v] : collect);
  // A list with choices (--only, --skip) is checked item by item, as its environment variable is.
  if (def.kind === 'list' && def.choices) {
    option.argParser((v: string, prev: string[] | undefined) => {
      const items = collect(v, prev);
      for (const item of items) checkChoice(def, item, `--${def.flag}`);
      return items;
    });
  }
  if (def.kind === 'int') option.argParser((v: string) => parseIntStrict(v, `--${def.flag}`));
  if (def.choices && def.kind === 'enum') option.choices(def.choices);
  return option;
}

function parseIntStrict(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new CommanderError(EXIT.usage, 'qod.invalidInt', `${flag} must be a whole number, got "${value}"`);
  return Number.parseInt(value, 10);
}

export const EXIT_CODES_HELP = `
Examples:
  qod-conformance                                    every suite against the built-in provider
  qod-conformance --base-url https://api.example.com/quality-on-demand/v1 --token "$TOKEN" \\
    --config operator.json                           certify an endpoint (operator data: README "Config file")
  qod-conformance --base-url URL --token "$TOKEN" --api-version auto --profile safe --max-rps 5
                                                     detect the version; production-friendly load
  qod-conformance serve --port 9091 --write-config qod.json   a reference endpoint, and a config to run against it
  qod-conformance cleanup --ledger qod-conformance-report/sessions-ledger.jsonl --token "$TOKEN"

Exit codes:
  0  conformant: every applicable check passed
  1  not conformant: at least one check failed (the endpoint broke a rule)
  2  usage or configuration error (unknown flag, command or config key, bad value, unreadable
     spec or config file, --suite matching no file, a token with a newline or non-ASCII character)
  3  endpoint unreachable before any check (DNS, refused, TLS), or the run was aborted
  4  tool error: qod-conformance itself failed (not your endpoint)
  5  incomplete: nothing failed, but checks were skipped for missing operator data ("needs ..."),
     because the endpoint's state made them impossible ("cannot check: ..."), or because a setup
     step failed ("not exercised: ...")

Reports go to --report-dir (default ./qod-conformance-report): junit.xml, report.html,
report.json, badge.svg and sessions-ledger.jsonl.`;

/** The run command's options, formatted like commander's own Options section. */
function runOptionsSection(run: Command, helper: Help): string {
  const options = helper.visibleOptions(run).filter((o) => o.long !== '--help');
  const width = Math.max(...options.map((o) => helper.optionTerm(o).length));
  const items = options.map((o) => helper.formatItem(helper.optionTerm(o), width, helper.optionDescription(o), helper));
  return `Run options (the default command: qod-conformance [options], or qod-conformance run [options]):\n${items.join('\n')}\n`;
}

export function buildProgram(version: string, onCommand: (parsed: ParsedCommand) => void): Command {
  const program = new Command('qod-conformance')
    .description('Conformance test suite for CAMARA Quality on Demand (QoD) endpoints.\nWithout --base-url it runs against the built-in reference provider.')
    .version(version, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // An unknown flag names the closest known one (commander's own edit-distance suggestion).
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .addHelpText('after', EXIT_CODES_HELP);

  const run = program.command('run', { isDefault: true }).description('run the conformance suites (the default command)');
  for (const def of RUN_OPTIONS) run.addOption(toOption(def));
  run.action((opts: Record<string, unknown>) => onCommand({ command: 'run', flags: opts }));
  run.addHelpText('after', EXIT_CODES_HELP);
  // run is the default command, so the top-level --help lists its options too (before the subcommands).
  program.configureHelp({
    formatHelp: (cmd, helper) => {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      return cmd === program ? text.replace(/\nCommands:\n/, `\n${runOptionsSection(run, helper)}\nCommands:\n`) : text;
    },
  });

  program
    .command('serve')
    .description('run the reference provider standalone')
    .option('--port <n>', 'port (default: env PORT, else 9091)', (v) => parseIntStrict(v, '--port'))
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .addOption(new Option('--api <name>', 'the API a --write-config run certifies (default quality-on-demand; both are served)').choices([...API_IDS]))
    .addOption(new Option('--api-version <version>', "the API's version: QoD 0.8.1 … 1.2.0-rc.3, QoS Provisioning 0.2.0, 0.3.0, 0.4.0-rc.1").choices(allVersions()))
    .option('--fault <name>', 'break the named rule (repeatable; default: env QOD_FAULT, comma separated)', collect)
    .option('--variant <name[=value]>', 'show the named conforming behaviour (repeatable; default: env QOD_VARIANT, comma separated)', collect)
    .option('--latency <ms>', 'answer every request this many ms late, as a remote endpoint would; the timers are not delayed (the same as --variant latency=MS)', (v) =>
      parseIntStrict(v, '--latency'),
    )
    .option('--availability-delay <ms>', 'delay between REQUESTED and AVAILABLE', (v) => parseIntStrict(v, '--availability-delay'))
    .option('--insecure-sink-tls', 'post callbacks to sinks without verifying their certificate')
    .option('--dialect <name>', 'operator dialect of the error bodies (camara, orange, tmobile; fixtures/dialects/<name>.json)')
    .option('--write-config <file>', 'write a config file for a run against this provider (URLs, version, dialect, tokens, devices, profiles): qod-conformance --config <file>')
    .action((opts: Record<string, unknown>) => onCommand({ command: 'serve', flags: opts }));

  program
    .command('specs')
    .description('list the bundled spec versions, files and base paths')
    .action(() => onCommand({ command: 'specs', flags: {} }));
  program
    .command('checks')
    .description('list the checks of the suites (ID, area, operation, the rules each judges) for one version of an API')
    .addOption(new Option('--api <name>', 'the API (default quality-on-demand; inferred from the version)').choices([...API_IDS]))
    .addOption(new Option('--api-version <version>', "the API's version (default: QoD 1.1.0, QoS Provisioning 0.3.0)").choices(allVersions()))
    .option('--all', 'also list the checks that do not apply to that version')
    .option('--json', 'print JSON records instead of lines')
    .action((opts: Record<string, unknown>) => onCommand({ command: 'checks', flags: opts }));
  program
    .command('faults')
    .description('list the fault switches of the reference provider')
    .action(() => onCommand({ command: 'faults', flags: {} }));
  program
    .command('variants')
    .description('list the conforming variants of the reference provider')
    .action(() => onCommand({ command: 'variants', flags: {} }));

  program
    .command('cleanup')
    .description('delete the sessions an interrupted run left (from its ledger)')
    .requiredOption('--ledger <file>', 'sessions-ledger.jsonl of the run')
    .option('--token <token>', 'access token')
    .option('--token-file <file>', 'read the access token from a file')
    .option('--config <file>', "the run's config file: its tokens by role delete the sessions each role created")
    .option('--insecure', "accept the endpoint's self-signed TLS certificate")
    .action((opts: Record<string, unknown>) => onCommand({ command: 'cleanup', flags: opts }));

  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => {}, outputError: () => {} });
  return program;
}
