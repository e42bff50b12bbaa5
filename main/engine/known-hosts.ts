import { createHash, createHmac } from 'node:crypto';
import { globMatch } from './ssh-config';

/**
 * known_hosts decisions, the way OpenSSH makes them: a host's key is trusted when a line for that host (plain,
 * `[host]:port` for a port other than 22, hashed `|1|salt|hash`, or a pattern) holds that exact key; it has
 * *changed* when a line for the host holds another key of the same type (refused: that is what a man in the middle
 * looks like); it is *unknown* otherwise (asked: the user compares the fingerprint). `@revoked` keys are refused;
 * `@cert-authority` lines are not host keys and are skipped. Pure, so every rule has a unit test.
 */
export type HostKeyDecision =
  | { verdict: 'trusted' }
  | { verdict: 'unknown' }
  /** `key`: the key that line holds (base64), so the user can compare the old fingerprint with the new. */
  | { verdict: 'changed'; file: string; line: number; key: string }
  | { verdict: 'revoked'; file: string; line: number };

export interface KnownHostsFile {
  path: string;
  text: string;
}

/** The key type named inside an ssh public key blob (string length + name, then the key). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return len > 0 && len < 64 && blob.length >= 4 + len ? blob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

/** `SHA256:…` as `ssh-keygen -l` and ssh's own prompt show it (base64, no padding). */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a known_hosts line uses for a host: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) matched = true;
  }
  return matched;
}

export function checkHostKey(files: KnownHostsFile[], host: string, port: number, blob: Buffer): HostKeyDecision {
  const name = knownHostsName(host, port);
  const type = keyTypeOf(blob);
  const b64 = blob.toString('base64');
  let changed: HostKeyDecision | null = null;
  let trusted = false;
  for (const f of files) {
    f.text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const parts = line.split(/\s+/);
      let marker: string | null = null;
      if (parts[0]!.startsWith('@')) marker = parts.shift()!;
      const [hosts, keyType, key] = parts;
      if (!hosts || !keyType || !key || marker === '@cert-authority') return;
      if (!hostFieldMatches(hosts, name)) return;
      if (marker === '@revoked') {
        if (key === b64) changed = { verdict: 'revoked', file: f.path, line: i + 1 };
        return;
      }
      if (key === b64) trusted = true;
      else if (keyType === type && !changed) changed = { verdict: 'changed', file: f.path, line: i + 1, key };
    });
  }
  const c = changed as HostKeyDecision | null;
  if (c?.verdict === 'revoked') return c;
  if (trusted) return { verdict: 'trusted' };
  return c ?? { verdict: 'unknown' };
}

/** One line to append after the user accepted a key (plain host name, as `ssh` writes with HashKnownHosts no). */
export function knownHostsLine(host: string, port: number, blob: Buffer): string {
  return `${knownHostsName(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
}

/**
 * The text of a known_hosts file without the lines that give `host:port` the key `oldKeyBase64`, the way
 * `ssh-keygen -R` drops a host's lines (a line naming other hosts too goes with it: it held the key being replaced).
 * `@revoked` and `@cert-authority` lines are kept: replacing a key never un-revokes one.
 */
export function withoutHostKey(text: string, host: string, port: number, oldKeyBase64: string): { text: string; removed: number } {
  const name = knownHostsName(host, port);
  let removed = 0;
  const kept = text.split('\n').filter((raw) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('@')) return true;
    const [hosts, , key] = line.split(/\s+/);
    if (!hosts || key !== oldKeyBase64 || !hostFieldMatches(hosts, name)) return true;
    removed++;
    return false;
  });
  return { text: kept.join('\n'), removed };
}
