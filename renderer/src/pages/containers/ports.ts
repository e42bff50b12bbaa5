import type { PortBinding } from '../../../../preload/contract';

export interface PortView {
  key: string;
  /** "0.0.0.0:8080→80/tcp", or "80/tcp" when not published. */
  label: string;
  /** For a list cell: "8080→80", "53→53/udp", "10.0.0.5:80→80" (wildcard and loopback hosts and /tcp left out; `label` says it all). */
  short: string;
  /** Where to open it in a browser; only for published TCP ports. */
  href: string | null;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::']);
const LOOPBACK = new Set(['127.0.0.1', '::1']);

function shortTarget(port: PortBinding): string {
  return port.type === 'tcp' ? String(port.privatePort) : `${port.privatePort}/${port.type}`;
}

function hostForUrl(ip: string | undefined): string {
  if (ip === undefined || WILDCARDS.has(ip)) return 'localhost';
  return ip.includes(':') ? `[${ip}]` : ip;
}

function hostForLabel(ip: string | undefined): string {
  if (ip === undefined || ip === '') return '0.0.0.0';
  return ip.includes(':') ? `[${ip}]` : ip;
}

/**
 * The engine lists a port published on all interfaces twice (0.0.0.0 and ::); people think of it as one port, so
 * the IPv6 twin of an IPv4 wildcard binding is dropped. Published ports come first, in host-port order.
 */
export function describePorts(ports: readonly PortBinding[]): PortView[] {
  const seen = new Set<string>();
  const views: (PortView & { sortKey: number })[] = [];
  const sorted = [...ports].sort((a, b) => {
    // IPv4 first so that the wildcard twin dropped is the IPv6 one.
    const aV6 = a.ip?.includes(':') ? 1 : 0;
    const bV6 = b.ip?.includes(':') ? 1 : 0;
    return aV6 - bV6;
  });
  for (const port of sorted) {
    const published = port.publicPort !== undefined;
    const wildcard = port.ip === undefined || WILDCARDS.has(port.ip);
    const identity = published
      ? `${wildcard ? '*' : port.ip}:${port.publicPort}:${port.privatePort}/${port.type}`
      : `${port.privatePort}/${port.type}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const target = `${port.privatePort}/${port.type}`;
    if (published) {
      views.push({
        key: identity,
        label: `${hostForLabel(port.ip)}:${port.publicPort}→${target}`,
        short: `${wildcard || LOOPBACK.has(port.ip ?? '') ? '' : `${hostForLabel(port.ip)}:`}${port.publicPort}→${shortTarget(port)}`,
        href: port.type === 'tcp' ? `http://${hostForUrl(port.ip)}:${port.publicPort}` : null,
        sortKey: port.publicPort ?? 0,
      });
    } else {
      views.push({ key: identity, label: target, short: shortTarget(port), href: null, sortKey: 100_000 + port.privatePort });
    }
  }
  return views.sort((a, b) => a.sortKey - b.sortKey).map(({ sortKey: _sortKey, ...view }) => view);
}
