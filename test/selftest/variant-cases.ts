// The variant self-test's cases and how each is judged (test/selftest/variants.ts): each
// variant of the reference provider is a conforming implementation that behaves differently from
// the default one (src/provider/variants.ts), so the whole suite must say CONFORMANT with it, or
// INCOMPLETE where the variant makes a check impossible, and then only for the reasons declared
// here. Their runs are part of the self-test batch (test/selftest/self-test.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SelfTestPart } from './self-test-part.js';
import { runBatch, type BatchOutcome, type BatchRun } from '../../src/runner/batch.js';
import { tempDir } from '../support/cli.js';
import { planOf } from '../support/batch.js';
import { collectChecks } from '../../src/checks/registry.js';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { DEFAULT_API_VERSION, type ApiVersion } from '../../src/config/types.js';

export interface Case {
  /** The variants, as given to --variant. */
  variants: string[];
  /** The API the run certifies (default QoD); `version` is then that API's own version. */
  api?: 'qos-provisioning';
  version?: string;
  /** Checks the variant makes impossible: their skip notes (the run is then INCOMPLETE). */
  mayBlock?: RegExp[];
  /** Operator data the variant's operator would give (written to a config file). */
  config?: Record<string, unknown>;
  /** --notification-timeout: an operator whose callbacks come this late sets the wait to cover them. */
  notificationTimeoutMs?: number;
  /** Only the checks whose registry ID this matches (--check), for a case made for them: the other
   *  checks would only be slower, and other cases judge them. The test asserts they ran and passed. */
  checks?: RegExp;
}

/** An expired session removed at once leaves no kept, non-AVAILABLE session to extend. */
export const PURGED = /^cannot check: no session that is not AVAILABLE but still kept/;
/** A profile minimum above what the suite holds a test device for leaves no expiry to watch. */
export const LONG_MIN = /^cannot check: the QoS profile \S+ has minDuration \d+ s/;
/** The skips a variant causes by its nature (a case naming one of these may block only that). */
export const SKIPS_OF: Readonly<Record<string, RegExp>> = { 'purge-expired': PURGED, 'high-min-duration': LONG_MIN };

// Each variant is judged where it can hide nothing: in a case whose other variants skip no check
// (no `mayBlock`), or whose only skips are its own. Variants that change different things run
// together, so a whole run is spent on many of them at once; a case that raises a false alarm names
// the variant to blame by running each of its variants alone (variantSelfTest), only then.
export const CORE_CASES: Case[] = [
  // A remote gateway: slow answers, slow provisioning, late and reordered callbacks.
  // Its first event can come 1 s (provisioning) + 2 s (late) + the swap's hold after the create,
  // close to the default 5 s wait on a loaded machine: such an operator sets a longer wait.
  { variants: ['provisioning-delay=1000', 'latency=150', 'late-callbacks=2000', 'swapped-events'], notificationTimeoutMs: 10_000 },
  { variants: ['provisioning-delay=800', 'latency=100', 'swapped-events'], version: '1.2.0-rc.3' },
  // Another pipeline on the same devices while the network is slow, with the allowed choices of
  // answers that block nothing.
  { variants: ['busy-devices=1500', 'provisioning-delay=500', 'latency=50', 'duration-cap', 'foreign-session-404', 'normalised-addresses', 'malformed-auth-400'] },
  // Allowed choices together, with a minimum short enough to still watch expiries.
  { variants: ['duration-cap', 'high-min-duration=5', 'purge-expired', 'foreign-session-404', 'normalised-addresses'], mayBlock: [PURGED] },
  { variants: ['high-min-duration'], mayBlock: [LONG_MIN] },
  { variants: ['high-min-duration', 'provisioning-delay=500'], version: '0.10.1', mayBlock: [LONG_MIN] },
  // The operator declares what the missing profiles API would have said.
  { variants: ['no-profiles-api', 'high-min-duration=5', 'provisioning-delay=300'], config: { profilesApi: false, qosProfiles: { agreed: { QOS_E: { minDuration: 5, maxDuration: 86400 } } } } },
];

/** QoS Provisioning runs: its own variants, and the provider's timing choices it shares with QoD. */
export const PROVISIONING_CASES: Case[] = [
  { api: 'qos-provisioning', variants: ['network-terminates'] },
  // C1: events with the declared status alone (no undeclared qosStatus), at both versions whose schema names it.
  { api: 'qos-provisioning', variants: ['event-status-only', 'async-revoke'] },
  { api: 'qos-provisioning', variants: ['event-status-only'], version: '0.2.0' },
  { api: 'qos-provisioning', variants: ['provisioning-delay=500', 'late-callbacks=1500', 'async-revoke=800'], version: '0.4.0-rc.1' },
  { api: 'qos-provisioning', variants: ['revoke-purges', 'latency=50', 'async-revoke=300'], version: '0.2.0' },
];

export const GATEWAY_CASES: Case[] = [
  // What a gateway in front of the API does (HTTP, CloudEvents and RFC 3339 allowances): all of
  // its habits at once, at every version family.
  {
    variants: [
      'gateway-429=4000',
      'gzip-responses',
      'time-lowercase',
      'duplicate-events',
      'swapped-events',
      'provisioning-delay=500',
      'profile-units',
      'gateway-headers',
      'connection-close',
      'error-details',
      'generated-correlator',
      'media-type-case',
      'event-minimal',
    ],
  },
  {
    variants: [
      'gzip-responses',
      'charset-param',
      'gateway-headers',
      'connection-close',
      'gateway-503=4000',
      'latency=100',
      'duplicate-events',
      'event-extensions',
      'time-offset',
      'error-details',
      'generated-correlator',
    ],
    version: '1.2.0-rc.3',
  },
  { variants: ['profile-no-limits', 'duration-cap', 'charset-param', 'event-extensions', 'media-type-case', 'chunked-responses', 'event-minimal'], version: '1.0.0' },
  { variants: ['profile-no-limits', 'gzip-responses', 'time-offset', 'chunked-responses'], version: '0.10.1' },
  // A distant endpoint with the rate-limited client configured: its bursts must still reach the
  // threshold (the 429 scenarios of 1.2.0-rc.3, the 429 rule checks). Only those run: the other checks
  // at 500 ms took 245 s of worker time and held the batch's end, and latency itself is judged with
  // the whole suite at 150 ms and 100 ms above.
  { variants: ['latency=500'], version: '1.2.0-rc.3', checks: /429|^rate-limit\./ },
];

export const nameOf = (v: string) => v.split('=')[0];
const labelOf = (c: Case) => `${c.variants.join(' + ')}${c.api ? ` (QoS Provisioning${c.version ? ` ${c.version}` : ''})` : c.version ? ` (QoD ${c.version})` : ''}`;

/** The case's run, with the flags and operator data the CLI would be given. */
function caseRun(c: Case, id: string, checks: string[] = []): BatchRun {
  const flags = { runs: 5, seed: 1, reportDir: tempDir('qod-variant-'), variant: c.variants, api: c.api, apiVersion: c.version, notificationTimeout: c.notificationTimeoutMs, check: checks };
  let config: string | undefined;
  if (c.config) {
    config = join(tempDir('qod-variant-config-'), 'operator.json');
    writeFileSync(config, JSON.stringify(c.config));
  }
  return { id, plan: planOf(flags, config) };
}

/** The registry IDs the case's `checks` selects at its version (none: every check). */
async function checksOf(c: Case): Promise<string[]> {
  if (!c.checks) return [];
  const version = (c.version ?? DEFAULT_API_VERSION) as ApiVersion;
  const ids = (await collectChecks(collectionConfig(version, { api: c.api }))).map((check) => check.id).filter((id) => c.checks!.test(id));
  if (!ids.length) throw new Error(`test bug: no check matches ${String(c.checks)} at ${version}`);
  return ids;
}

/** Only when a combined case raised false alarms: each of its variants run alone, and which of them raise some. */
async function blameAlone(c: Case): Promise<string> {
  const alone = await runBatch(
    c.variants.map((v, i) => caseRun({ ...c, variants: [v] }, `alone-${i}`)),
    { workers: 4, concurrency: 16, exchangeEvidence: false },
  );
  const lines = c.variants.map((v, i) => {
    const bad = alone.get(`alone-${i}`)!.results.tests.filter((t) => t.state === 'failed' || t.state === 'error');
    return `  ${v} alone: ${bad.length ? `${bad.length} false alarms (${bad.map((t) => t.name).join(', ')})` : 'none'}`;
  });
  return `\neach variant alone:\n${lines.join('\n')}`;
}

/** The variant self-test of each group's cases, as part of the self-test batch (self-test-part.ts): one test per case. */
export function variantsPart(groups: ReadonlyArray<{ title: string; cases: readonly Case[] }>): SelfTestPart {
  return {
    async runs() {
      const runs: BatchRun[] = [];
      for (const [gi, g] of groups.entries()) for (const [index, c] of g.cases.entries()) runs.push(caseRun(c, `case-${gi}-${index}`, await checksOf(c)));
      return runs;
    },
    declare: (outcome) => {
      for (const [gi, { title, cases }] of groups.entries()) describeCases(title, cases, (index) => outcome(`case-${gi}-${index}`));
    },
  };
}

function describeCases(title: string, cases: readonly Case[], outcomeOf: (index: number) => BatchOutcome): void {
  describe(title, () => {
    for (const [index, c] of cases.entries()) {
      const label = labelOf(c);
      it(label, { timeout: 600_000 }, async () => {
        const outcome = outcomeOf(index);
        const report = { tests: outcome.results.tests, run: outcome.record };
        expect(report.run.endpoint.variants, 'the run record names the variants in effect').toEqual(c.variants);

        const wrong = report.tests.filter((t) => t.state === 'failed' || t.state === 'error');
        const blame = wrong.length && c.variants.length > 1 ? await blameAlone(c) : '';
        expect(
          wrong.map((t) => `${t.state}: ${t.name}\n${t.failure?.message ?? ''}`),
          `false alarms under ${label}${blame}`,
        ).toEqual([]);
        const blocked = report.tests.filter((t) => t.skipKind === 'blocked' || t.skipKind === 'needs' || t.skipKind === 'not-run');
        const undeclared = blocked.filter((t) => !(c.mayBlock ?? []).some((re) => re.test(t.skipNote ?? '')));
        expect(
          undeclared.map((t) => `${t.name}: ${t.skipNote ?? ''}`),
          'checks skipped for a reason the variant does not explain',
        ).toEqual([]);

        expect(outcome.exitCode, outcome.verdict).toBe(blocked.length > 0 ? 5 : 0);
        expect(outcome.verdict).toBe(blocked.length > 0 ? 'INCOMPLETE' : 'CONFORMANT');
        expect(report.run.sessions?.created, 'every session created was deleted').toBe(report.run.sessions?.deleted);
        if (c.checks) {
          const chosen = report.tests.filter((t) => t.checkId !== undefined && c.checks!.test(t.checkId) && t.skipKind !== 'not-applicable');
          expect(chosen.length, 'the checks the case is for ran').toBeGreaterThan(0);
          expect(chosen.filter((t) => t.state !== 'passed').map((t) => `${t.name}: ${t.state} ${t.skipNote ?? ''}`)).toEqual([]);
        }
      });
    }
  });
}
