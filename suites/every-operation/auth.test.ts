// Authentication beyond the official scenarios: EVERY operation of the API under test (QoD and QoS
// Profiles, or QoS Provisioning), not only the ones the scenarios name, refuses a request without credentials, with a malformed Authorization
// header, with a token nobody issued and with an expired token: 401 with the version's code (a
// malformed header may also be 400, see expectMalformedAuthRefused).
import { check, group } from '../../src/checks/declare.js';
import { APIS } from '../../src/config/apis.js';
import type { ApiId } from '../../src/config/types.js';
import type { ErrorReason } from '../../src/dialects/index.js';
import type { OperationSpec } from '../../src/spec/types.js';
import { authorisableRequest, errorRules, expectMalformedAuthRefused, expectUnauthenticated as expect401, MALFORMED_AUTHORIZATION, servedOperations } from '../../src/suite/auth-requests.js';
import { unknownToken } from '../../src/suite/auth-codes.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { operationsOfApis } from '../../src/spec/apis.js';

const config = runConfig();
const operations = servedOperations(operationsOfApis((await validatorsFor(config)).spec, APIS[config.api].kinds));

/** The spec's rule for `op`: its security requirement and its documented 401. */
function rule401(q: Qod, op: OperationSpec, extra = ''): string {
  const scopes = op.scopes.length ? ` (${op.scopes.join(', ')})` : '';
  return q.cite(`${op.operationId} security${scopes} + responses.401${extra}`);
}

const ERRORS = errorRules(config.api);

/** The ID part of each malformed header of MALFORMED_AUTHORIZATION, by the header's value. */
const MALFORMED_KEY: Readonly<Record<string, string>> = {
  Bearer: 'malformed-bearer-only',
  'Basic xyz': 'malformed-basic-scheme',
  'qod-conformance %%% not-a-credential': 'malformed-garbage',
};

function malformedKey(value: string): string {
  const key = MALFORMED_KEY[value];
  if (!key) throw new Error(`no check ID part for the malformed Authorization header ${JSON.stringify(value)}`);
  return key;
}

interface Variant {
  /** The variant's part of the check ID (`auth.<key>.<operationId>`). */
  key: string;
  label: string;
  extraRule?: string;
  /** The header is malformed: 400 is as defensible as 401 (expectMalformedAuthRefused). */
  malformed?: boolean;
  /** The inventory rule (specs/rules/prose.json) the variant checks, in each API's inventory. */
  covers: Readonly<Record<ApiId, string>>;
  /** What is wrong with the credentials (an operator's code table may give each its own code). */
  reason: ErrorReason;
  apply: (q: Qod) => { token?: string | null; authorization?: string };
}

const VARIANTS: Variant[] = [
  {
    key: 'no-credentials',
    label: 'no Authorization header',
    covers: { 'quality-on-demand': 'auth.no-credentials-401', 'qos-provisioning': 'provisioning.no-credentials-401' },
    reason: 'missing-credentials',
    apply: () => ({ token: null }),
  },
  ...MALFORMED_AUTHORIZATION.map((m) => ({
    key: malformedKey(m.value),
    label: `a malformed Authorization header: ${m.label}`,
    extraRule: ' (RFC 6750 §2.1 Bearer credentials; anything else is no valid credential)',
    malformed: true,
    // QoS Provisioning states one rule for invalid and malformed tokens.
    covers: { 'quality-on-demand': 'auth.malformed-credentials-401', 'qos-provisioning': 'provisioning.invalid-token-401' },
    reason: 'malformed-credentials' as const,
    apply: () => ({ authorization: m.value }),
  })),
  {
    key: 'invalid-token',
    label: 'an access token nobody issued',
    covers: { 'quality-on-demand': 'auth.invalid-token-401', 'qos-provisioning': 'provisioning.invalid-token-401' },
    reason: 'invalid-credentials',
    apply: () => ({ token: unknownToken() }),
  },
  {
    key: 'expired-token',
    label: 'an expired access token',
    covers: { 'quality-on-demand': 'auth.expired-token-401', 'qos-provisioning': 'provisioning.expired-token-401' },
    reason: 'expired-credentials',
    apply: (q: Qod) => ({ token: q.need('tokens.expired', q.operator.tokens.expired) }),
  },
];

group('auth: every operation refuses missing, malformed, unknown and expired credentials', () => {
  for (const op of operations) {
    for (const variant of VARIANTS) {
      check(
        {
          id: `auth.${variant.key}.${op.operationId}`,
          title: `auth: ${op.operationId} with ${variant.label} is ${variant.malformed ? '401 (or 400)' : '401'}`,
          area: 'auth',
          operation: op.operationId,
          cites: `${op.operationId} security + responses.401`,
          rules: [variant.covers[config.api], ...ERRORS],
          concurrent: true,
        },
        async (q) => {
          const credentials = variant.apply(q);
          const req = await authorisableRequest(q, op);
          const rule = rule401(q, op, variant.extraRule);
          // The status is what this check is about: a wrong one is said before any body problem.
          const res = await q.call({ ...req, ...credentials }, { status: variant.malformed ? [401, 400] : [401], rule });
          if (variant.malformed) await expectMalformedAuthRefused(q, res, rule, () => expect401(q, op, res, rule, variant.reason));
          else await expect401(q, op, res, rule, variant.reason);
        },
      );
    }
  }
});
