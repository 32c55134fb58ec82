// QoD 0.8.1 callbacks: a plain JSON {sessionId, event: "SESSION_TERMINATED"} POSTed to
// notificationUrl + "/notifications" when a session ends on its own (expiry or network), with the
// notificationAuthToken as the `apikey` query parameter (callback security scheme apiKey, in: query).
// No event for AVAILABLE or for a deletion the consumer asked for.
import { randomUUID } from 'node:crypto';
import { request, type Agent } from 'undici';
import { Notifier, type NotificationTarget, type NotifierOptions } from '../notifier.js';
import { sinkAgent } from '../sink-agent.js';
import type { StatusInfo } from '../sessions.js';

export const LEGACY_EVENT = 'SESSION_TERMINATED';

export class LegacyNotifier extends Notifier {
  private readonly legacyAgent: Agent;

  constructor(private readonly legacyOptions: NotifierOptions) {
    super(legacyOptions);
    this.legacyAgent = sinkAgent(legacyOptions);
  }

  override notify(target: NotificationTarget, qosStatus: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: StatusInfo): void {
    const { faults, stats } = this.legacyOptions;
    if (faults.has('notification-missing') || qosStatus !== 'UNAVAILABLE') return;
    if (statusInfo !== 'DURATION_EXPIRED' && statusInfo !== 'NETWORK_TERMINATED') return;
    const url = new URL(target.sink);
    const apikey = target.sinkCredential?.accessToken;
    if (apikey && !faults.has('notification-no-bearer')) url.searchParams.set('apikey', apikey);
    const body = JSON.stringify({ sessionId: faults.has('notification-wrong-session-id') ? randomUUID() : target.sessionId, event: LEGACY_EVENT });
    this.dispatch(target.sessionId, async (signal) => {
      try {
        const res = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal,
          dispatcher: this.legacyAgent,
          headersTimeout: this.legacyOptions.timeoutMs ?? 10_000,
          bodyTimeout: this.legacyOptions.timeoutMs ?? 10_000,
        });
        await res.body.dump();
        if (res.statusCode >= 200 && res.statusCode < 300) stats.notificationsSent++;
        else stats.notificationsFailed++;
      } catch {
        stats.notificationsFailed++;
      }
    });
  }

  override async close(graceMs = 2000): Promise<void> {
    await super.close(graceMs); // waits for (or aborts) the deliveries in flight, then its agent
    await this.legacyAgent.close();
  }
}
