#!/usr/bin/env node
// Entry point: parse, dispatch, and turn every error into one line and a distinct exit code.
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { readConfigFile, type ConfigFile } from '../config/file.js';
import { APIS, apiLabel, resolveApi } from '../config/apis.js';
import { buildPlan } from '../config/plan.js';
import { fromConfigFile, fromEnv, mergeOptions, type OptionValues } from '../config/sources.js';
import { EXIT, UsageError, describeFatal, type ExitCode } from '../errors.js';
import { FAULTS } from '../provider/faults.js';
import { VARIANTS, type VariantInfo } from '../provider/variants.js';
import type { runConformance as RunConformance } from '../runner/run.js';
import { listBundledSpecs } from '../spec/list.js';
import { toolVersion } from '../util/package-root.js';
import { didYouMean } from '../util/suggest.js';
import { exitQuietlyOnClosedPipe } from './pipes.js';
import { buildProgram, type ParsedCommand } from './program.js';
import { writeServeConfig } from './serve-config.js';
import { manifestFor } from '../spec/manifest.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`qod-conformance: ${line}\n`);

export async function main(argv: string[]): Promise<ExitCode> {
  let parsed: ParsedCommand | undefined;
  const program = buildProgram(toolVersion(), (p) => (parsed = p));
  // run takes no arguments, so a first word that is no flag meant a command (`srve`).
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-')) {
    const commands = [...program.commands.map((c) => c.name()), 'help'];
    if (!commands.includes(first)) throw new UsageError(`unknown command "${first}"${didYouMean(first, commands)}; commands: ${commands.join(', ')} (see --help)`);
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.conformant; // --help, --version
      // One line: commander puts its "(Did you mean --x?)" on a line of its own.
      err(`${error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see --help)`);
      return EXIT.usage;
    }
    throw error;
  }
  if (!parsed) return EXIT.usage;
  switch (parsed.command) {
    case 'run':
      return runCommand(parsed.flags as OptionValues);
    case 'serve':
      return serveCommand(parsed.flags);
    case 'specs':
      for (const s of listBundledSpecs())
        out(
          `${s.version.padEnd(11)} ${Object.entries(s.basePaths)
            .map(([api, p]) => `${api}=${p}`)
            .join('  ')}  ${s.files.join(', ')}`,
        );
      return EXIT.conformant;
    case 'faults':
      for (const [name, info] of Object.entries(FAULTS)) out(`${name.padEnd(36)} ${info.area.padEnd(13)} ${info.description}`);
      return EXIT.conformant;
    case 'variants':
      for (const [name, info] of Object.entries(VARIANTS) as Array<[string, VariantInfo]>) out(describeVariant(name, info));
      return EXIT.conformant;
    case 'cleanup':
      return cleanupCommand(parsed.flags);
    case 'checks':
      return checksCommand(parsed.flags);
  }
}

async function runCommand(flags: OptionValues): Promise<ExitCode> {
  const env = fromEnv(process.env);
  const configPath = (flags.config ?? env.config) as string | undefined;
  const file: ConfigFile = configPath ? readConfigFile(configPath) : {};
  const values = mergeOptions(flags, env, fromConfigFile(file, `config file ${configPath}`));
  const plan = buildPlan(values, file, process.cwd());
  // Not an error (a config file may keep its --runs for full runs), but said: it changes nothing.
  if (plan.profile === 'safe' && values.runs !== undefined) err(`note: --runs ${String(values.runs)} has no effect under --profile safe, which sends no generated cases`);
  // Loaded on demand: the runner pulls in vitest (seconds), which `serve` in a container does not need.
  const { runConformance }: { runConformance: typeof RunConformance } = await import('../runner/run.js');
  const outcome = await runConformance(plan, { stderr: err });
  return outcome.exitCode;
}

/** One line of `qod-conformance variants`: name[=unit (default)], what it does, the freedom, the versions. */
function describeVariant(name: string, info: VariantInfo): string {
  const usage = info.param ? `${name}[=${info.param.unit}]` : name;
  const param = info.param ? ` (${info.param.meaning}, default ${info.param.default} ${info.param.unit})` : '';
  const versions = info.versions ? ` [only ${info.versions.join(', ')}]` : '';
  return `${usage.padEnd(28)} ${info.description}${param}${versions}\n${''.padEnd(29)}spec: ${info.freedom}`;
}

/** serve in a container: the port, faults and variants may come from the environment (PORT, QOD_FAULT, QOD_VARIANT). */
function serveEnv(env: NodeJS.ProcessEnv): { port?: number; faults?: string[]; variants?: string[] } {
  const port = env.PORT?.trim();
  if (port && !/^\d+$/.test(port)) throw new UsageError(`PORT must be a whole number, got "${port}"`);
  const items = (value: string | undefined) => {
    const list = value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return list?.length ? list : undefined;
  };
  return { port: port ? Number.parseInt(port, 10) : undefined, faults: items(env.QOD_FAULT), variants: items(env.QOD_VARIANT) };
}

async function serveCommand(flags: Record<string, unknown>): Promise<ExitCode> {
  const fromEnv = serveEnv(process.env);
  flags = { ...flags, fault: flags.fault ?? fromEnv.faults, variant: flags.variant ?? fromEnv.variants };
  // --latency MS is the latency variant (one implementation of the delay).
  const latency = flags.latency as number | undefined;
  if (latency !== undefined && latency > 0) {
    const variants = (flags.variant as string[] | undefined) ?? [];
    if (variants.some((v) => /^latency(=|$)/.test(v.trim()))) throw new UsageError('--latency and --variant latency both set the answer delay: give one');
    flags.variant = [...variants, `latency=${latency}`];
  }
  const writeConfig = flags.writeConfig as string | undefined;
  const host = (flags.host as string | undefined) ?? '127.0.0.1';
  const port = (flags.port as number | undefined) ?? fromEnv.port ?? 9091;
  if (port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535 (0: any free port), got ${port}`);
  const target = resolveApi({ api: flags.api as string | undefined, version: flags.apiVersion as string | undefined });
  if (target.bundle === 'auto') throw new UsageError('serve: name a version (auto detects the version of an endpoint in a run)');
  const bundle = target.bundle;
  // The provider, the sweep and the runner are imported where they are used: a usage error, --help or a
  // listing then answers without loading them (about 0.3 s of CPU).
  const { startProvider } = await import('../provider/index.js');
  const provider = await startProvider({
    host,
    port,
    apiVersion: bundle,
    faults: (flags.fault as string[] | undefined) ?? [],
    variants: (flags.variant as string[] | undefined) ?? [],
    availabilityDelayMs: flags.availabilityDelay as number | undefined,
    // A written config is for a run of this tool, whose sink is self-signed: trust it, as the image does.
    insecureSinkTls: flags.insecureSinkTls === true || writeConfig !== undefined,
    dialect: flags.dialect as string | undefined,
  }).catch((error: unknown) => {
    throw listenError(error, host, port) ?? error;
  });
  const f = provider.fixtures;
  if (writeConfig) {
    const own = APIS[target.api].versionIn(bundle)!;
    const other = target.api === 'quality-on-demand' ? undefined : { api: target.api, url: provider.url + manifestFor(bundle).basePaths[APIS[target.api].baseKind]!, version: own };
    try {
      writeServeConfig(writeConfig, {
        baseUrl: provider.baseUrl,
        profilesUrl: provider.profilesUrl,
        apiVersion: bundle,
        dialect: (flags.dialect as string | undefined) ?? 'camara',
        other,
      });
    } catch (error) {
      // Asked for a config it could not write: stop, rather than serve a world nobody can run against.
      await provider.close();
      throw error;
    }
  }
  out(
    `${apiLabel('quality-on-demand', bundle)} reference provider listening (dialect: ${(flags.dialect as string | undefined) ?? 'camara'}; faults: ${((flags.fault as string[] | undefined) ?? []).join(', ') || 'none'}; variants: ${provider.variants.join(', ') || 'none'})`,
  );
  out(`  QoD API:          ${provider.baseUrl}`);
  out(`  QoS Profiles API: ${provider.profilesUrl}`);
  if (provider.provisioningUrl) out(`  QoS Provisioning: ${provider.provisioningUrl} (${APIS['qos-provisioning'].versionIn(bundle) ?? ''})`);
  out(`  token endpoint:   ${provider.tokenUrl} (client credentials)`);
  // The fixture tokens are public test data of the sandbox, printed so that curl works at once.
  out(
    `  tokens:           ${Object.entries(f.tokens)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );
  out(`  devices:          known=${JSON.stringify(f.devices.known)}  unknown=${JSON.stringify(f.devices.unknown)}`);
  out(`  QoS profiles:     ${f.provider.qosProfiles.map((p) => `${p.profile.name}(${p.profile.status})`).join(' ')}`);
  if (writeConfig) {
    out(`  config file:      ${writeConfig} (tokens, devices, profiles; callbacks to a self-signed sink accepted)`);
    out(`  run against it:   qod-conformance --config ${writeConfig}`);
  }
  out('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await provider.close();
  out('stopped');
  return EXIT.conformant;
}

/** `checks`: the registry for one version (collected without running anything). */
async function checksCommand(flags: Record<string, unknown>): Promise<ExitCode> {
  const { api, bundle } = resolveApi({ api: flags.api as string | undefined, version: flags.apiVersion as string | undefined });
  if (bundle === 'auto') throw new UsageError("checks: name a version (auto detects an endpoint's version during a run)");
  const version = bundle;
  const { collectChecks, notApplicableReason } = await import('../checks/registry.js');
  const { collectionConfig } = await import('../checks/collect-config.js');
  const records = (await collectChecks(collectionConfig(version, { api }))).filter((r) => flags.all === true || notApplicableReason(r, version, api) === undefined);
  if (flags.json === true) {
    out(
      JSON.stringify(
        records.map(({ appliesTo, ...r }) => ({ ...r, applies: notApplicableReason({ appliesTo }, version, api) === undefined })),
        null,
        2,
      ),
    );
    return EXIT.conformant;
  }
  for (const r of records) {
    const na = notApplicableReason(r, version, api);
    out(`${r.id}${na ? ' (not applicable)' : ''}\n  ${r.area} · ${r.operation} · ${r.title}\n  rules: ${r.rules.join(', ') || '(none)'}`);
  }
  out(`${records.length} checks for ${apiLabel(api, version)}`);
  return EXIT.conformant;
}

/** A listen failure that is the user's to fix (a busy or privileged port, an address not of this host). */
function listenError(error: unknown, host: string, port: number): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} on ${host} is in use: stop what holds it, or give another --port (0: any free port)`);
  if (code === 'EACCES') return new UsageError(`no permission to listen on port ${port}: give a port above 1023 with --port (0: any free port)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(`cannot listen on ${host}: not an address of this machine (see --host)`);
  return undefined;
}

async function cleanupCommand(flags: Record<string, unknown>): Promise<ExitCode> {
  // The run's config file gives the token of every role (tokens.<role>): a session is deleted with
  // the token that created it, as the run's own exit sweep does.
  const config = typeof flags.config === 'string' ? readConfigFile(flags.config) : undefined;
  const tokens = { ...(config?.tokens ?? {}) };
  const tokenFile = (flags.tokenFile as string | undefined) ?? (typeof config?.tokenFile === 'string' ? config.tokenFile : undefined);
  let token = (flags.token as string | undefined) ?? process.env.QOD_TOKEN ?? (typeof config?.token === 'string' ? config.token : undefined) ?? tokens.default;
  if (!token && tokenFile) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch {
      throw new UsageError(`cannot read token file ${tokenFile}`);
    }
  }
  const secrets = [token, ...Object.values(tokens)].filter((t): t is string => !!t);
  const insecure = flags.insecure === true || config?.insecure === true;
  const { sweepLedger } = await import('../runner/sweep.js');
  const result = await sweepLedger(flags.ledger as string, { token, tokens, timeoutMs: 10_000, insecure, secrets });
  out(`sessions created: ${result.created}, deleted: ${result.deleted}, left: ${result.leftover.length}`);
  for (const l of result.leftover) out(`  ${l.sessionId}: ${l.reason}`);
  return result.leftover.length ? EXIT.notConformant : EXIT.conformant;
}

exitQuietlyOnClosedPipe();
main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    const { exitCode, line } = describeFatal(error);
    err(line);
    if (process.env.QOD_VERBOSE && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = exitCode;
  });
