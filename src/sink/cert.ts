// Self-signed certificate for the HTTPS sink, made fresh for each run (nothing to leak or expire).
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface SinkCertificate {
  certPem: string;
  keyPem: string;
}

/** Certificate for localhost, 127.0.0.1, ::1 and every extra host name or IP address given. */
export async function generateSinkCertificate(extraHosts: string[]): Promise<SinkCertificate> {
  const dns = new Set(['localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const host of extraHosts) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (bare === '' || bare === '0.0.0.0' || bare === '::') continue; // wildcard bind, not a name
    (isIP(bare) ? ips : dns).add(bare);
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', // fast to generate, unlike RSA
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60 * 60 * 1000), // tolerate small clock skew
    notAfterDate: new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...[...dns].map((value) => ({ type: 2 as const, value })), ...[...ips].map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
