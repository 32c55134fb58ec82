// The 401 rule of every operation in one place: the codes a version documents for a missing,
// invalid or expired access token (VERSIONS.md; the per-response enums from 1.0.0 on), and a
// token nobody issued to provoke it.
import { randomBytes } from 'node:crypto';
import { noteConflict } from './create-cases.js';
import type { Qod } from './harness.js';
import { provisioningRulesForBundle } from '../versions/provisioning-rules.js';

/**
 * 401 codes, in the version's own names: UNAUTHORIZED in 0.8.1; UNAUTHENTICATED, with
 * AUTHENTICATION_REQUIRED next to it in 0.11.1 and 1.0.0 (SCENARIOS.md conflict #12: removed in 1.1.0).
 */
export function unauthenticatedCodes(q: Qod): string[] {
  // QoS Provisioning: its own 401 enum (AUTHENTICATION_REQUIRED in 0.2.0 only).
  const provisioning = q.config.api === 'qos-provisioning' ? provisioningRulesForBundle(q.version) : undefined;
  if (provisioning) return [...provisioning.unauthenticatedCodes];
  if (q.version === '0.8.1') return ['UNAUTHORIZED'];
  return q.version === '0.11.1' || q.version === '1.0.0' ? ['UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED'] : ['UNAUTHENTICATED'];
}

/** Records conflict #12 where the version also allows AUTHENTICATION_REQUIRED for an expired token. */
export async function noteExpiredTokenCodes(q: Qod): Promise<void> {
  if (!unauthenticatedCodes(q).includes('AUTHENTICATION_REQUIRED')) return;
  if (q.config.api === 'qos-provisioning') {
    await q.noteStandard(`PROVISIONING.md conflict C14: followed ${q.cite('401 enum')}: AUTHENTICATION_REQUIRED is in it, accepted for an expired token as the r2.2 401.2 scenarios do.`);
    return;
  }
  await noteConflict(q, 12, `followed QoD ${q.version}: its 401 also has AUTHENTICATION_REQUIRED, accepted for an expired token (the scenario asserts UNAUTHENTICATED only).`);
}

/** A well-formed bearer token no authorization server issued (random). */
export function unknownToken(): string {
  return `qodconf-unknown-${randomBytes(16).toString('hex')}`;
}
