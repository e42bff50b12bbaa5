import { describe, expect, it } from 'vitest';
import { composeRefOf, dedupePorts, healthFromStatus, toContainerSummary, type RawContainer } from './container-summary';

describe('healthFromStatus', () => {
  it.each([
    ['Up 2 minutes (healthy)', 'healthy'],
    ['Up 5 seconds (unhealthy)', 'unhealthy'],
    ['Up 3 seconds (health: starting)', 'starting'],
    ['Up 2 hours', null],
    ['Exited (0) 3 minutes ago', null],
    ['Created', null],
    ['', null],
  ] as const)('%j → %s', (status, health) => {
    expect(healthFromStatus(status)).toBe(health);
  });
});

describe('composeRefOf', () => {
  it('reads project, service, number, working dir and the comma-separated config files', () => {
    expect(
      composeRefOf({
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.container-number': '2',
        'com.docker.compose.project.working_dir': '/srv/shop',
        'com.docker.compose.project.config_files': '/srv/shop/compose.yaml,/srv/shop/compose.override.yaml',
        'com.docker.compose.oneoff': 'False',
      }),
    ).toEqual({
      project: 'shop',
      service: 'web',
      number: 2,
      workingDir: '/srv/shop',
      configFiles: ['/srv/shop/compose.yaml', '/srv/shop/compose.override.yaml'],
    });
  });

  it('only project and service are required; empty parts of the file list are dropped', () => {
    expect(composeRefOf({ 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's' })).toEqual({ project: 'p', service: 's' });
    expect(
      composeRefOf({ 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's', 'com.docker.compose.project.config_files': 'a.yml,,b.yml,' })
        ?.configFiles,
    ).toEqual(['a.yml', 'b.yml']);
  });

  it('a container number that is not a positive integer is left out', () => {
    for (const n of ['0', '-1', '1.5', 'abc', '']) {
      const ref = composeRefOf({ 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's', 'com.docker.compose.container-number': n });
      expect(ref, n).toEqual({ project: 'p', service: 's' });
    }
  });

  it('a missing service or project → null', () => {
    expect(composeRefOf({ 'com.docker.compose.project': 'p' })).toBeNull();
    expect(composeRefOf({ 'com.docker.compose.service': 's' })).toBeNull();
    expect(composeRefOf({ 'com.docker.compose.project': 'p', 'com.docker.compose.service': '' })).toBeNull();
    expect(composeRefOf({})).toBeNull();
  });
});

describe('dedupePorts', () => {
  it('one row for a port published on both 0.0.0.0 and ::, preferring IPv4 whichever comes first', () => {
    const v6First = dedupePorts([
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    ]);
    const v4First = dedupePorts([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    ]);
    const expected = [{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }];
    expect(v6First).toEqual(expected);
    expect(v4First).toEqual(expected);
  });

  it('an IPv6-only binding is kept', () => {
    expect(dedupePorts([{ IP: '::', PrivatePort: 53, PublicPort: 5353, Type: 'udp' }])).toEqual([
      { ip: '::', privatePort: 53, publicPort: 5353, type: 'udp' },
    ]);
  });

  it('the same numbers with another protocol are different rows', () => {
    const ports = dedupePorts([
      { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 53, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 53, Type: 'udp' },
      { IP: '::', PrivatePort: 53, PublicPort: 53, Type: 'udp' },
    ]);
    expect(ports.map((p) => p.type).sort()).toEqual(['tcp', 'udp']);
    expect(ports.every((p) => p.ip === '0.0.0.0')).toBe(true);
  });

  it('sorted by host port, then container port; unexposed ports (no PublicPort) kept, first', () => {
    const ports = dedupePorts([
      { IP: '0.0.0.0', PrivatePort: 443, PublicPort: 8443, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 5432, Type: 'tcp' },
      { IP: '127.0.0.1', PrivatePort: 81, PublicPort: 8080, Type: 'udp' },
    ]);
    expect(ports).toEqual([
      { privatePort: 5432, type: 'tcp' },
      { privatePort: 9000, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '127.0.0.1', privatePort: 81, publicPort: 8080, type: 'udp' },
      { ip: '0.0.0.0', privatePort: 443, publicPort: 8443, type: 'tcp' },
    ]);
  });

  it('unknown or missing protocols count as tcp; sctp is kept', () => {
    expect(dedupePorts([{ PrivatePort: 1 }, { PrivatePort: 2, Type: 'quic' }, { PrivatePort: 3, Type: 'sctp' }]).map((p) => p.type)).toEqual([
      'tcp',
      'tcp',
      'sctp',
    ]);
  });

  it('no ports → []', () => {
    expect(dedupePorts(undefined)).toEqual([]);
    expect(dedupePorts([])).toEqual([]);
  });
});

describe('toContainerSummary', () => {
  const raw: RawContainer = {
    Id: 'a1b2c3d4e5f6a7b8c9d0',
    Names: ['/shop-web-1'],
    Image: 'nginx:1.27',
    ImageID: 'sha256:abc',
    Command: 'nginx -g daemon off;',
    Created: 1_700_000_000,
    State: 'running',
    Status: 'Up 2 minutes (healthy)',
    Ports: [
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    ],
    Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' },
    NetworkSettings: { Networks: { shop_default: {}, bridge: {} } },
  };

  it('maps every field', () => {
    expect(toContainerSummary('local', raw, 1_800_000_000_000)).toEqual({
      engineId: 'local',
      id: 'a1b2c3d4e5f6a7b8c9d0',
      name: 'shop-web-1',
      image: 'nginx:1.27',
      imageId: 'sha256:abc',
      command: 'nginx -g daemon off;',
      created: 1_700_000_000_000,
      state: 'running',
      status: 'Up 2 minutes (healthy)',
      statusSince: 1_800_000_000_000 - 2 * 60_000,
      health: 'healthy',
      ports: [{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }],
      labels: raw.Labels,
      compose: { project: 'shop', service: 'web', number: 1 },
      networks: ['shop_default', 'bridge'],
    });
  });

  it('reads when the status began from the age the engine wrote, at the moment it was read', () => {
    const readAt = 1_800_000_000_000;
    const since = (Status: string) => toContainerSummary('e', { Id: 'x', Status }, readAt).statusSince;
    expect(since('Up Less than a second')).toBe(readAt);
    expect(since('Up 5 seconds (healthy)')).toBe(readAt - 5_000);
    expect(since('Up About a minute (Paused)')).toBe(readAt - 60_000);
    expect(since('Up 6 minutes')).toBe(readAt - 6 * 60_000);
    expect(since('Up About an hour')).toBe(readAt - 3_600_000);
    expect(since('Up 3 days')).toBe(readAt - 3 * 86_400_000);
    expect(since('Exited (137) 2 weeks ago')).toBe(readAt - 14 * 86_400_000);
    expect(since('Restarting (1) 1 second ago')).toBe(readAt - 1_000);
    expect(since('Created')).toBeNull();
    expect(since('Removal In Progress')).toBeNull();
    expect(since('Up soon')).toBeNull();
  });

  it('the name loses only its leading slash; without names the short id is the name', () => {
    expect(toContainerSummary('e', { Id: 'x', Names: ['/a/b'] }).name).toBe('a/b');
    expect(toContainerSummary('e', { Id: 'x', Names: ['plain'] }).name).toBe('plain');
    expect(toContainerSummary('e', { Id: '0123456789abcdef0123', Names: [] }).name).toBe('0123456789ab');
  });

  it('every known state is kept; an unknown or missing state becomes dead', () => {
    for (const s of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']) {
      expect(toContainerSummary('e', { Id: 'x', State: s }).state).toBe(s);
    }
    expect(toContainerSummary('e', { Id: 'x', State: 'stopped' }).state).toBe('dead');
    expect(toContainerSummary('e', { Id: 'x', State: 'Running' }).state).toBe('dead');
    expect(toContainerSummary('e', { Id: 'x' }).state).toBe('dead');
  });

  it('null Labels and missing fields give empty values, not crashes', () => {
    const s = toContainerSummary('e', { Id: 'x', Labels: null, NetworkSettings: { Networks: null } });
    expect(s).toMatchObject({
      labels: {},
      compose: null,
      image: '',
      imageId: '',
      command: '',
      created: 0,
      status: '',
      health: null,
      ports: [],
      networks: [],
    });
    expect(toContainerSummary('e', { Id: 'x', NetworkSettings: null }).networks).toEqual([]);
  });
});
