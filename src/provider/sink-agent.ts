// The HTTP agent that posts callbacks to the suite's sink. Its TLS trust is built once: with `ca`
// in the connect options every new connection parses the whole root store again (about 15 ms of
// CPU per callback connection), a secure context made here is reused by all of them.
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent } from 'undici';

export function sinkAgent(options: { sinkCa?: string; insecureSinkTls?: boolean }): Agent {
  const secureContext = options.sinkCa ? createSecureContext({ ca: [...rootCertificates, options.sinkCa] }) : undefined;
  return new Agent({ connect: { ...(secureContext ? { secureContext } : {}), rejectUnauthorized: !options.insecureSinkTls } });
}
