import { describe, expect, it } from 'vitest';
import { breadcrumbs, changesSummary, changesTruncated, formatDuration, groupLabels, joinPath, modeString, parentPath } from './detail-format';

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(5 * 60_000 + 3000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('groupLabels', () => {
  it('groups compose labels under their short names', () => {
    expect(groupLabels({ team: 'core', 'com.docker.compose.service': 'web', 'com.docker.compose.project': 'demo' })).toEqual({
      compose: [
        ['project', 'demo'],
        ['service', 'web'],
      ],
      other: [['team', 'core']],
    });
  });
});

describe('modeString', () => {
  it('renders ls -l modes', () => {
    expect(modeString('directory', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('directory', 0o1777)).toBe('drwxrwxrwt');
  });
});

describe('paths', () => {
  it('builds breadcrumbs, joins and goes up', () => {
    expect(breadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
    expect(breadcrumbs('/data/dir é x')).toEqual([
      { label: '/', path: '/' },
      { label: 'data', path: '/data' },
      { label: 'dir é x', path: '/data/dir é x' },
    ]);
    expect(joinPath('/', 'etc')).toBe('/etc');
    expect(joinPath('/etc', 'hosts')).toBe('/etc/hosts');
    expect(parentPath('/etc/ssl')).toBe('/etc');
    expect(parentPath('/etc')).toBe('/');
  });
});

describe('changesSummary', () => {
  it('agrees with one path, and with several', () => {
    expect(changesSummary(1)).toBe('1 path differs from the image. It lives in the writable layer, which is lost when the container is removed.');
    expect(changesSummary(3)).toBe('3 paths differ from the image. They live in the writable layer, which is lost when the container is removed.');
  });
  it('says when the filesystem is exactly the image', () => {
    expect(changesSummary(0)).toBe('No changes: the container’s filesystem is exactly its image.');
  });
  it('names what a list cut short counts', () => {
    expect(changesTruncated(1000, 1500)).toBe('Showing the first 1000 of 1500 paths.');
  });
});
