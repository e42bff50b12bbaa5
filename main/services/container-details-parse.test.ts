import { describe, expect, it } from 'vitest';
import {
  decodePathStat,
  decodeText,
  directChildName,
  downloadName,
  engineTime,
  groupChanges,
  normalizeContainerPath,
  portsFromInspect,
  statKind,
} from './container-details-parse';

describe('archive paths and names', () => {
  it('picks direct children out of a folder archive, for the root and for a folder', () => {
    expect(directChildName('/', '/')).toBeNull();
    expect(directChildName('/', '/bin/')).toBe('bin');
    expect(directChildName('/', '/bin/sh')).toBeNull();
    expect(directChildName('/data/dir é x', 'dir é x/')).toBeNull();
    expect(directChildName('/data/dir é x', 'dir é x/fïle 1.txt')).toBe('fïle 1.txt');
    expect(directChildName('/data', 'data/a/b')).toBeNull();
  });
  it('normalizes what the user typed', () => {
    expect(normalizeContainerPath('/a//b/./c/../')).toBe('/a/b');
    expect(normalizeContainerPath('/')).toBe('/');
  });
  it('names downloads', () => {
    expect(downloadName('/etc/hosts', 'file', 'web')).toBe('hosts');
    expect(downloadName('/etc', 'folder', 'web')).toBe('etc.tar');
    expect(downloadName('/', 'folder', 'web')).toBe('web-rootfs.tar');
  });
});

describe('path stat', () => {
  it('decodes the header and tells kinds apart by Go FileMode bits', () => {
    const header = Buffer.from(JSON.stringify({ name: 'etclink', size: 4, mode: 134218239, mtime: 'x', linkTarget: '/etc' })).toString('base64');
    expect(decodePathStat(header)).toEqual({ name: 'etclink', size: 4, mode: 134218239, mtime: 'x', linkTarget: '/etc' });
    expect(decodePathStat('not base64 json')).toBeNull();
    expect(statKind(2147484141)).toBe('directory');
    expect(statKind(134218239)).toBe('symlink');
    expect(statKind(0o644)).toBe('file');
    expect(statKind((1 << 23) | 0o755)).toBe('file'); // setuid is not a type
    expect(statKind((1 << 26) | (1 << 21) | 0o666)).toBe('other'); // a character device
  });
});

describe('decodeText', () => {
  it('accepts UTF-8 and refuses NULs and invalid bytes', () => {
    expect(decodeText(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(decodeText(Uint8Array.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41]))).toBeNull();
  });
});

describe('inspect helpers', () => {
  it('reads the engine zero time as never', () => {
    expect(engineTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(engineTime('2024-01-02T03:04:05.123456789Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
  });
  it('turns inspect port maps into bindings, keeping unpublished ports', () => {
    expect(portsFromInspect({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '53/udp': null })).toEqual([
      { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
      { privatePort: 53, type: 'udp' },
    ]);
  });
  it('groups docker diff kinds and caps the list', () => {
    const changes = [
      { Path: '/b', Kind: 0 },
      { Path: '/a', Kind: 1 },
      { Path: '/c', Kind: 2 },
    ];
    expect(groupChanges(changes, 10)).toEqual({ added: ['/a'], changed: ['/b'], deleted: ['/c'], total: 3, truncated: false });
    expect(groupChanges(changes, 2)).toEqual({ added: ['/a'], changed: ['/b'], deleted: [], total: 3, truncated: true });
    expect(groupChanges(null, 2)).toEqual({ added: [], changed: [], deleted: [], total: 0, truncated: false });
  });
});
