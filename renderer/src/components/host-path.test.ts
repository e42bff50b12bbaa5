import { describe, expect, it } from 'vitest';
import { absoluteValue, basename, breadcrumbs, choice, dirname, joinPath, nameMatcher, relativeTo, startCandidates } from './host-path';

describe('host path picker logic', () => {
  it('matches names by glob, case-insensitively, and everything without patterns', () => {
    const compose = nameMatcher(['compose.yaml', 'compose.yml', 'docker-compose.y?ml']);
    expect(compose('compose.yaml')).toBe(true);
    expect(compose('Docker-Compose.yaml')).toBe(true);
    expect(compose('docker-compose.yml')).toBe(false);
    expect(compose('compose.yaml.bak')).toBe(false);
    expect(nameMatcher(['Dockerfile*'])('Dockerfile.dev')).toBe(true);
    expect(nameMatcher(['*.tar'])('img.tar')).toBe(true);
    expect(nameMatcher(['*.tar'])('imgXtar')).toBe(false);
    expect(nameMatcher(['a+b.(x)'])('a+b.(x)')).toBe(true);
    expect(nameMatcher(undefined)('anything')).toBe(true);
  });

  it('splits and joins POSIX paths', () => {
    expect(dirname('/home/me/app')).toBe('/home/me');
    expect(dirname('/home')).toBe('/');
    expect(dirname('/')).toBe('/');
    expect(basename('/home/me/app/')).toBe('app');
    expect(joinPath('/', 'tmp')).toBe('/tmp');
    expect(joinPath('/tmp', 'x')).toBe('/tmp/x');
    expect(breadcrumbs('/home/me')).toEqual([
      { label: '/', path: '/' },
      { label: 'home', path: '/home' },
      { label: 'me', path: '/home/me' },
    ]);
    expect(breadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
  });

  it('starts at the value, then its folder, highlighting its name; relative values resolve against the base', () => {
    expect(startCandidates('/srv/app/compose.yaml', undefined)).toEqual({ paths: ['/srv/app/compose.yaml', '/srv/app'], highlight: 'compose.yaml' });
    expect(startCandidates('', undefined)).toEqual({ paths: [], highlight: null });
    expect(startCandidates('', '/srv/app')).toEqual({ paths: ['/srv/app'], highlight: null });
    expect(startCandidates('Dockerfile', '/srv/app')).toEqual({ paths: ['/srv/app/Dockerfile', '/srv/app'], highlight: 'Dockerfile' });
    expect(startCandidates('relative', undefined)).toEqual({ paths: [], highlight: null });
    expect(absoluteValue('./build/Dockerfile', '/srv/app/')).toBe('/srv/app/build/Dockerfile');
  });

  it('gives a path inside the base relative to it, others absolute', () => {
    expect(relativeTo('/srv/app/build/Dockerfile', '/srv/app')).toBe('build/Dockerfile');
    expect(relativeTo('/srv/other/Dockerfile', '/srv/app')).toBe('/srv/other/Dockerfile');
    expect(relativeTo('/srv/appx/Dockerfile', '/srv/app')).toBe('/srv/appx/Dockerfile');
    expect(relativeTo('/srv/app/x', undefined)).toBe('/srv/app/x');
  });

  it('chooses only what the mode allows', () => {
    const dir = { name: 'data', isDir: true };
    const file = { name: 'compose.yaml', isDir: false };
    expect(choice('folder', '/srv', dir)).toBe('/srv/data');
    expect(choice('folder', '/srv', file)).toBe('/srv');
    expect(choice('folder', '/srv', null)).toBe('/srv');
    expect(choice('file', '/srv', file)).toBe('/srv/compose.yaml');
    expect(choice('file', '/srv', dir)).toBeNull();
    expect(choice('file', '/srv', null)).toBeNull();
    expect(choice('file-or-folder', '/srv', file)).toBe('/srv/compose.yaml');
    expect(choice('file-or-folder', '/srv', dir)).toBe('/srv/data');
    expect(choice('file', '/srv', null, 'out.tar')).toBe('/srv/out.tar');
    expect(choice('file', '/srv', null, 'a/b.tar')).toBeNull();
    expect(choice('file', '/srv', null, '  ')).toBeNull();
    expect(choice('file', '/srv', null, '..')).toBeNull();
  });
});
