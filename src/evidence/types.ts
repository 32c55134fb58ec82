// Evidence attached to test results (vitest annotations) so reporters need no re-run.

/** One HTTP exchange as sent and received, secrets already redacted. */
export interface RecordedExchange {
  seq: number;
  startedAt: string;
  durationMs: number;
  /** operationId when the request targets a documented operation. */
  operationId?: string;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body?: string;
  };
  /** Transport error (timeout, reset, TLS) instead of a response. */
  error?: string;
  /** Copy-paste reproduction, token replaced by $TOKEN. */
  curl: string;
}

/** One request that reached the webhook sink. */
export interface SinkRecord {
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Annotation types our suites emit; reporters switch on them. */
export const ANNOTATION = {
  exchange: 'qod:exchange',
  callback: 'qod:callback',
  advisory: 'qod:advisory',
  counterexample: 'qod:counterexample',
  standardNote: 'qod:standard-note',
  /** Inventory rules (src/rules) the check exercised in this run, beyond its meta's `covers`. */
  covers: 'qod:covers',
  /** What of each answer and callback the check validated against the spec (src/rules/exercised.ts). */
  validated: 'qod:validated',
  /** What a test cost the endpoint: requests sent, sessions created (src/report/economy.ts). */
  stats: 'qod:stats',
} as const;

/** A check's identity as its test carries it (vitest task meta `qod`), read by the reports. */
export interface TestMeta {
  /** The check's registry ID (src/checks/spec.ts). */
  checkId: string;
  area: string;
  operation: string;
  /** Official CAMARA scenario ID (without the leading @) when the test implements one. */
  scenarioId?: string;
  /** Spec location or rule the test checks. */
  rule: string;
  covers?: string[];
}

export interface Advisory {
  title: string;
  whyItMatters: string;
  detail: string;
}
