/** IPv4 CIDR maths for the overlap check before creating a network (the engine's own message names no network). */

export interface Ipv4Range {
  start: number;
  end: number;
}

export function parseIpv4(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

export function parseCidr(cidr: string): Ipv4Range | null {
  const [ip, bits] = cidr.split('/');
  const base = ip === undefined ? null : parseIpv4(ip);
  const prefix = Number(bits);
  if (base === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const start = Math.floor(base / size) * size;
  return { start, end: start + size - 1 };
}

export function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== null && y !== null && x.start <= y.end && y.start <= x.end;
}

/** Whether `ip` lies inside `cidr`. */
export function contains(cidr: string, ip: string): boolean {
  const r = parseCidr(cidr);
  const n = parseIpv4(ip);
  return r !== null && n !== null && n >= r.start && n <= r.end;
}
