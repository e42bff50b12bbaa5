import { describe, expect, it } from 'vitest';
import { StacksService } from './stacks';
import { defaultProjectName, isInside, outlineOf, undefinedVariables } from './stacks-model';

describe('compose outline', () => {
  it('lists services and the Dockerfiles named by build', () => {
    const text = `services:
  web:
    build: ./web
  api:
    build:
      context: api
      dockerfile: Dockerfile.dev
  remote:
    build: https://github.com/x/y.git
  db:
    image: postgres
`;
    expect(outlineOf(text, '/srv/shop')).toEqual({
      services: ['web', 'api', 'remote', 'db'],
      dockerfiles: [
        { service: 'web', path: '/srv/shop/web/Dockerfile' },
        { service: 'api', path: '/srv/shop/api/Dockerfile.dev' },
      ],
    });
  });
  it('is empty while the text does not parse', () => {
    expect(outlineOf('services:\n  web: [\n', '/x')).toEqual({ services: [], dockerfiles: [] });
  });
  it('derives the project name like compose', () => {
    expect(defaultProjectName('/home/me/My Shop.v2')).toBe('myshopv2');
    expect(defaultProjectName('/srv/_x')).toBe('x');
  });
  it('knows what is inside a folder', () => {
    expect(isInside('/srv/shop', '/srv/shop/web/Dockerfile')).toBe(true);
    expect(isInside('/srv/shop', '/srv/shop2/x')).toBe(false);
    expect(isInside('/srv/shop', '/srv/shop/../etc/passwd')).toBe(false);
  });
  it('reads undefined variables from v1 and v2 warnings', () => {
    expect(undefinedVariables('WARNING: The DB_PASS variable is not set. Defaulting to a blank string.\nlevel=warning msg="The \\"TAG\\" variable is not set. Defaulting to a blank string."')).toEqual(['DB_PASS', 'TAG']);
  });
});

describe('compose arguments per action', () => {
  const base = { path: '/s/compose.yaml', services: [], build: false, pull: 'default' as const, forceRecreate: false, removeOrphans: false, removeVolumes: false, scale: [] };
  it('up with options', () => {
    expect(StacksService.actionArgs({ ...base, action: 'up', build: true, pull: 'always', forceRecreate: true, removeOrphans: true }, 'v2')).toEqual(['up', '-d', '--build', '--pull', 'always', '--force-recreate', '--remove-orphans']);
    expect(StacksService.actionArgs({ ...base, action: 'up', pull: 'always' }, 'v1')).toEqual(['up', '-d']);
    expect(StacksService.actionArgs({ ...base, action: 'up', scale: [{ service: 'web', replicas: 3 }], services: ['web'] }, 'v1')).toEqual(['up', '-d', '--scale', 'web=3', '--no-recreate', 'web']);
  });
  it('down removes volumes only when asked, per-service actions name the service', () => {
    expect(StacksService.actionArgs({ ...base, action: 'down' }, 'v1')).toEqual(['down']);
    expect(StacksService.actionArgs({ ...base, action: 'down', removeVolumes: true, services: ['x'] }, 'v1')).toEqual(['down', '--volumes']);
    expect(StacksService.actionArgs({ ...base, action: 'restart', services: ['web'] }, 'v1')).toEqual(['restart', '-t', '10', 'web']);
  });
});
