import { createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/**
 * Web mode off loopback: the names a browser may use to reach this machine, and the TLS certificate that covers
 * them. A self-signed one (ECDSA P-256, `selfsigned`) is made on first run and kept in the config folder; it is
 * made again when the machine's names or addresses change, or when it is about to expire. Browsers warn about a
 * self-signed certificate once: its SHA-256 fingerprint is printed so the user can check it is this one.
 */

export interface WebTls {
  key: string;
  cert: string;
  /** SHA-256, colon-separated hex, as browsers show it. */
  fingerprint256: string;
  /** Where the certificate is (null when the user gave one). */
  file: string | null;
  created: boolean;
}

const VALID_DAYS = 397; // the longest validity browsers accept for a server certificate
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

/**
 * The host names and addresses this server answers to when bound to `bindHost`: for a wildcard (0.0.0.0, ::) every
 * address of every interface plus the host name and localhost; for one address, that address plus the host name.
 * IPv6 addresses come without brackets.
 */
export function machineNames(bindHost: string): string[] {
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::';
  const names = new Set<string>();
  if (wildcard) {
    names.add('localhost');
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) {
        if (a.family === 'IPv6' && (a.scopeid ?? 0) !== 0) continue; // link-local: a browser cannot use it in a URL
        if (bindHost === '0.0.0.0' && a.family !== 'IPv4') continue;
        names.add(a.address);
      }
    }
  } else names.add(bindHost);
  names.add(os.hostname().toLowerCase());
  return [...names];
}

/** The certificate the user gave (`--cert`, `--key`), checked to be a pair. */
export async function userCertificate(certFile: string, keyFile: string): Promise<WebTls> {
  const [cert, key] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
  const x509 = new X509Certificate(cert);
  if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error(`${keyFile} is not the key of ${certFile}`);
  return { key, cert, fingerprint256: x509.fingerprint256, file: certFile, created: false };
}

/** The self-signed certificate in `dir` if it covers `names` and is not about to expire, else a new one. */
export async function selfSignedCertificate(dir: string, names: string[]): Promise<WebTls> {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const existing = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]).catch(() => null);
  if (existing) {
    const [cert, key] = existing;
    try {
      const x509 = new X509Certificate(cert);
      const covered = new Set((x509.subjectAltName ?? '').split(', ').map((s) => s.replace(/^(DNS|IP Address):/, '').toLowerCase()));
      const fresh = Date.parse(x509.validTo) - Date.now() > RENEW_BEFORE_MS;
      if (fresh && names.every((n) => covered.has(n.toLowerCase()))) return { key, cert, fingerprint256: x509.fingerprint256, file: certFile, created: false };
    } catch {
      // unreadable: made again below
    }
  }
  const made = await generate([{ name: 'commonName', value: `Berth on ${os.hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + VALID_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.writeFile(keyFile, made.private, { mode: 0o600 });
  await fs.writeFile(certFile, made.cert, { mode: 0o644 });
  return { key: made.private, cert: made.cert, fingerprint256: new X509Certificate(made.cert).fingerprint256, file: certFile, created: true };
}
