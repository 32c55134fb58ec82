// A stored session as the API shows it (SessionInfo). sinkCredential is never echoed: it is
// optional in SessionInfo and carries the consumer's secret.
import type { FaultSet } from './faults.js';
import type { Session } from './sessions.js';
import { rfc3339Seconds } from './time.js';

/** `read`: the session read back after its creation (getSession, extend, retrieve), not the create answer. */
export function sessionInfo(session: Session, faults: FaultSet, read = true): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  if (session.deviceEcho) info.device = session.deviceEcho;
  info.applicationServer = session.applicationServer;
  if (faults.has('app-server-echo-partial') && session.applicationServer.ipv4Address && session.applicationServer.ipv6Address) {
    info.applicationServer = { ipv4Address: session.applicationServer.ipv4Address };
  }
  if (!faults.has('ports-not-echoed') && !(read && faults.has('readback-drops-ports'))) {
    if (session.devicePorts) info.devicePorts = session.devicePorts;
    if (session.applicationServerPorts) info.applicationServerPorts = session.applicationServerPorts;
  }
  info.qosProfile = faults.has('qos-profile-echo-wrong') ? session.qosProfile.toLowerCase() : session.qosProfile;
  if (session.sink && !faults.has('sink-not-echoed')) info.sink = session.sink;
  info[faults.has('session-id-field-wrong') ? 'id' : 'sessionId'] = session.id;
  info.duration = session.duration;
  // Both times are absent while REQUESTED (spec); an UNAVAILABLE session keeps startedAt and its
  // expiresAt is the actual end (the spec's own UNAVAILABLE example carries startedAt).
  if (session.status !== 'REQUESTED' && session.startedAtMs !== undefined && session.endAtMs !== undefined) {
    const skew = faults.has('expires-at-wrong') ? 3_600_000 : 0;
    const ahead = faults.has('started-at-future') ? 3_600_000 : 0;
    const time = faults.has('times-wrong-format') ? (ms: number) => Math.floor(ms / 1000) : rfc3339Seconds;
    info.startedAt = time(session.startedAtMs + ahead);
    info.expiresAt = time(session.endAtMs + skew + ahead);
  }
  info.qosStatus = faults.has('session-schema-violation') ? 'ACTIVE' : session.status;
  if (session.statusInfo) info.statusInfo = session.statusInfo;
  else if (faults.has('status-info-on-available') && session.status === 'AVAILABLE') info.statusInfo = 'DURATION_EXPIRED';
  return info;
}
