// QOS_STATUS_CHANGED notifications: CloudEvents 1.0 (structured mode) posted to the session's
// sink. Delivery is fire-and-forget (never delays an API answer); failures are counted, not thrown.
import { randomUUID } from 'node:crypto';
import { request, type Agent } from 'undici';
import { DeliverySchedule, type DeliveryScheduleOptions } from './delivery-schedule.js';
import type { FaultSet } from './faults.js';
import { sinkAgent } from './sink-agent.js';
import type { SinkCredential, StatusInfo } from './sessions.js';
import { formatInstant, type InstantStyle } from './time.js';

export interface ProviderStats {
  created: number;
  deleted: number;
  notificationsSent: number;
  notificationsFailed: number;
}

export interface NotifierOptions {
  eventType: string;
  /** Extra CA (PEM) to trust for the sink, e.g. the suite's self-signed sink certificate. */
  sinkCa?: string;
  /** Skip TLS verification of the sink altogether. */
  insecureSinkTls?: boolean;
  faults: FaultSet;
  stats: ProviderStats;
  /** Per-delivery limit. */
  timeoutMs?: number;
  /** When deliveries are posted (variants late-callbacks, swapped-events); default: at once. */
  schedule?: DeliveryScheduleOptions;
  /** How events are written and delivered (variants time-*, duplicate-events, event-extensions, charset-param). */
  delivery?: DeliveryOptions;
}

export interface DeliveryOptions {
  /** Rendering of the CloudEvent `time`. */
  timeStyle?: InstantStyle;
  /** Each event is posted a second time, same id and body (at-least-once delivery). */
  duplicate?: boolean;
  /** Extension attributes (Distributed Tracing, Partitioning) on every event. */
  extensions?: boolean;
  /** "; charset=utf-8" on the Content-Type. */
  charset?: boolean;
  /** Only the required attributes (no datacontenttype) and no x-correlator header. */
  minimal?: boolean;
}

/** Delay of the second copy of an event (variant duplicate-events). */
/** What a provider with the fault bearerWithoutCredential sends: a token of its own, not the client's. */
const GATEWAY_TOKEN = 'provider-gateway-token';
const DUPLICATE_AFTER_MS = 300;

export interface NotificationTarget {
  sessionId: string;
  sink: string;
  sinkCredential?: SinkCredential;
}

/** A CloudEvent as posted (structured mode). */
export interface CloudEventBody {
  [extension: string]: unknown;
  id: string;
  source: string;
  type: string;
  specversion: '1.0';
  datacontenttype?: 'application/json';
  time: string;
  data: Record<string, unknown>;
}

/** One status change to report: the resource it is about (`key`: delivery order per resource), where to, and what. */
export interface StatusEvent {
  key: string;
  sink: string;
  sinkCredential?: SinkCredential;
  source: string;
  type: string;
  /** The change is to AVAILABLE (fault notification-available-time-late moves only those). */
  available: boolean;
  data: Record<string, unknown>;
}

/** How an API's faults bend one delivery (each flag is set by the fault of that API that breaks the rule). */
export interface DeliveryFaults {
  /** No event at all. */
  missing?: boolean;
  /** Content-Type application/json instead of application/cloudevents+json. */
  plainJson?: boolean;
  /** No Authorization header although a sink credential was given. */
  noBearer?: boolean;
  /** An Authorization header (the provider's own gateway token) although no sink credential was given. */
  bearerWithoutCredential?: boolean;
  /** Every event carries the same id. */
  duplicateId?: boolean;
  /** Another CloudEvent type instead of the API's. */
  wrongType?: string;
  /** The time of an AVAILABLE event lies an hour ahead. */
  availableTimeLate?: boolean;
  /** Posted to sink + "/notifications" instead of the sink. */
  urlSuffixed?: boolean;
}

export class Notifier {
  private readonly agent: Agent;
  private readonly inFlight = new Map<Promise<void>, AbortController>();
  private readonly fixedId = randomUUID(); // for the notification-duplicate-id fault
  private readonly schedule: DeliverySchedule;
  /** Provider base URL, known once the server listens; used for the CloudEvent `source`. */
  source = 'urn:qod-conformance:reference-provider';

  constructor(private readonly options: NotifierOptions) {
    this.agent = sinkAgent(options);
    this.schedule = new DeliverySchedule(options.schedule ?? { delayMs: 0, swapWindowMs: 0 });
  }

  notify(target: NotificationTarget, qosStatus: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: StatusInfo): void {
    const { faults, eventType } = this.options;
    const info = statusInfo ?? (faults.has('notification-status-info-on-available') ? 'DURATION_EXPIRED' : undefined);
    const eventSessionId = faults.has('notification-wrong-session-id') ? randomUUID() : target.sessionId;
    this.publish(
      {
        key: target.sessionId,
        sink: target.sink,
        sinkCredential: target.sinkCredential,
        source: this.source,
        type: eventType,
        available: qosStatus === 'AVAILABLE',
        data: { sessionId: eventSessionId, qosStatus, ...(info ? { statusInfo: info } : {}) },
      },
      {
        missing: faults.has('notification-missing'),
        plainJson: faults.has('notification-plain-json'),
        noBearer: faults.has('notification-no-bearer'),
        duplicateId: faults.has('notification-duplicate-id'),
        wrongType: faults.has('notification-wrong-type') ? 'org.camaraproject.qod.v1.qos-status-changed' : undefined,
        availableTimeLate: faults.has('notification-available-time-late'),
        urlSuffixed: faults.has('v010-notification-url-suffixed'),
      },
    );
  }

  /**
   * Posts one status-change CloudEvent to its sink: the delivery every API shares (headers, bearer
   * credential, envelope, schedule, duplicates). The caller builds `data` and says which of its
   * faults bend the delivery.
   */
  publish(event: StatusEvent, faults: DeliveryFaults = {}): void {
    if (faults.missing) return;
    const envelope = this.buildEvent(event, faults);
    const delivery = this.options.delivery ?? {};
    const mediaType = faults.plainJson ? 'application/json' : 'application/cloudevents+json';
    const headers: Record<string, string> = {
      'content-type': delivery.charset ? `${mediaType}; charset=utf-8` : mediaType,
    };
    if (!delivery.minimal) headers['x-correlator'] = randomUUID();
    const credential = event.sinkCredential;
    if (credential?.accessToken && !faults.noBearer) {
      headers.authorization = `Bearer ${credential.accessToken}`;
    } else if (!credential && faults.bearerWithoutCredential) {
      headers.authorization = `Bearer ${GATEWAY_TOKEN}`;
    }
    const body = JSON.stringify(envelope);
    const url = faults.urlSuffixed ? `${event.sink.replace(/\/$/, '')}/notifications` : event.sink;
    this.dispatch(event.key, (signal) => this.deliver(url, headers, body, signal));
    if (delivery.duplicate) {
      this.dispatch(event.key, async (signal) => {
        await new Promise((resolve) => setTimeout(resolve, DUPLICATE_AFTER_MS));
        if (!signal.aborted) await this.deliver(url, headers, body, signal);
      });
    }
  }

  /** Posts through the delivery schedule; tracked until done so close() can wait for it or abort it. */
  protected dispatch(sessionId: string, post: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const delivery: Promise<void> = this.schedule.submit(sessionId, () => post(controller.signal), controller.signal).finally(() => this.inFlight.delete(delivery));
    this.inFlight.set(delivery, controller);
  }

  /** Gives deliveries in flight up to graceMs to finish, then aborts the rest. */
  async close(graceMs = 2000): Promise<void> {
    const pending = [...this.inFlight.keys()];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled(pending), grace]);
      clearTimeout(timer);
      for (const controller of this.inFlight.values()) controller.abort();
      await Promise.allSettled([...this.inFlight.keys()]);
    }
    await this.agent.close();
  }

  private buildEvent(event: StatusEvent, faults: DeliveryFaults): CloudEventBody {
    const delivery = this.options.delivery ?? {};
    const timeMs = Date.now() + (event.available && faults.availableTimeLate ? 3_600_000 : 0);
    const extensions = delivery.extensions
      ? { traceparent: `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`, tracestate: 'gw=1', partitionkey: event.key }
      : {};
    return {
      ...extensions,
      id: faults.duplicateId ? this.fixedId : randomUUID(),
      source: event.source,
      type: faults.wrongType ?? event.type,
      specversion: '1.0',
      ...(delivery.minimal ? {} : { datacontenttype: 'application/json' as const }),
      time: formatInstant(timeMs, delivery.timeStyle ?? 'utc'),
      data: event.data,
    };
  }

  private async deliver(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<void> {
    const { stats, timeoutMs = 10_000 } = this.options;
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        signal,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await response.body.dump();
      if (response.statusCode >= 200 && response.statusCode < 300) stats.notificationsSent++;
      else stats.notificationsFailed++;
    } catch {
      stats.notificationsFailed++; // unreachable sink, TLS refusal, abort on close: counted, never thrown
    }
  }
}
