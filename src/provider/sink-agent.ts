// The HTTP agent that posts callbacks to the suite's sink. Its TLS trust is built once per agent,
// and only when a callback goes out: with `ca` in the connect options every new connection parses
// the whole root store again (about 15 ms of CPU per callback connection), and even once per agent
// the root store costs about 28 ms, paid by every run's provider whether it posts or not. A sink on
// loopback is ours, with its own self-signed certificate: it is trusted alone, without the roots.
import { isIP } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, buildConnector } from 'undici';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

export function sinkAgent(options: { sinkCa?: string; insecureSinkTls?: boolean }): Agent {
  const rejectUnauthorized = !options.insecureSinkTls;
  const sinkCa = options.sinkCa;
  if (!sinkCa) return new Agent({ connect: { rejectUnauthorized } });
  let local: buildConnector.connector | undefined;
  let remote: buildConnector.connector | undefined;
  const connect: buildConnector.connector = (opts, callback) => {
    const connector = isLoopback(opts.hostname)
      ? (local ??= buildConnector({ secureContext: createSecureContext({ ca: [sinkCa] }), rejectUnauthorized }))
      : (remote ??= buildConnector({ secureContext: createSecureContext({ ca: [...rootCertificates, sinkCa] }), rejectUnauthorized }));
    return connector(opts, callback);
  };
  return new Agent({ connect });
}
