import { describe, expect, it } from 'vitest';
import { describePorts } from './ports';

describe('describePorts', () => {
  it('shows a published TCP port as host:port→container/proto with a localhost link', () => {
    expect(describePorts([{ ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp' }])).toEqual([
      { key: '*:8080:80/tcp', label: '0.0.0.0:8080→80/tcp', short: '8080→80', href: 'http://localhost:8080' },
    ]);
  });

  it('merges the IPv4 and IPv6 wildcard twins of one binding', () => {
    const views = describePorts([
      { ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp' },
      { ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp' },
    ]);
    expect(views.map((v) => v.label)).toEqual(['0.0.0.0:8080→80/tcp']);
  });

  it('links to the bound address when it is not a wildcard', () => {
    const [view] = describePorts([{ ip: '127.0.0.1', publicPort: 5432, privatePort: 5432, type: 'tcp' }]);
    expect(view?.href).toBe('http://127.0.0.1:5432');
    expect(view?.short).toBe('5432→5432');
    const [lan] = describePorts([{ ip: '10.0.0.5', publicPort: 80, privatePort: 8080, type: 'tcp' }]);
    expect(lan?.short).toBe('10.0.0.5:80→8080');
  });

  it('does not link UDP ports or unpublished ports, and lists unpublished ones last', () => {
    const views = describePorts([
      { privatePort: 9000, type: 'tcp' },
      { ip: '0.0.0.0', publicPort: 53, privatePort: 53, type: 'udp' },
      { ip: '0.0.0.0', publicPort: 3000, privatePort: 3000, type: 'tcp' },
    ]);
    expect(views.map((v) => [v.label, v.short, v.href])).toEqual([
      ['0.0.0.0:53→53/udp', '53→53/udp', null],
      ['0.0.0.0:3000→3000/tcp', '3000→3000', 'http://localhost:3000'],
      ['9000/tcp', '9000', null],
    ]);
  });
});
