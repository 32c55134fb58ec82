// Posting to the sink the way a provider would.
import { Agent, request, type Dispatcher } from 'undici';
import type { RunningSink } from '../../src/sink/server.js';

export function trustingAgent(sink: RunningSink): Dispatcher {
  return new Agent({ connect: sink.caCertPem === undefined ? {} : { ca: sink.caCertPem } });
}

export async function post(dispatcher: Dispatcher, url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/cloudevents+json' }): Promise<number> {
  const res = await request(url, { method: 'POST', body, headers, dispatcher });
  await res.body.dump();
  return res.statusCode;
}
