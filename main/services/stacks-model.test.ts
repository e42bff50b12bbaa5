import { describe, expect, it } from 'vitest';
import { StackCompose } from './stacks-compose';
import { defaultProjectName, isInside, notComposeReason, outlineOf, undefinedVariables } from './stacks-model';

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
    expect(StackCompose.actionArgs({ ...base, action: 'up', build: true, pull: 'always', forceRecreate: true, removeOrphans: true }, 'v2')).toEqual(['up', '-d', '--build', '--pull', 'always', '--force-recreate', '--remove-orphans']);
    expect(StackCompose.actionArgs({ ...base, action: 'up', pull: 'always' }, 'v1')).toEqual(['up', '-d']);
    expect(StackCompose.actionArgs({ ...base, action: 'up', scale: [{ service: 'web', replicas: 3 }], services: ['web'] }, 'v1')).toEqual(['up', '-d', '--scale', 'web=3', '--no-recreate', 'web']);
  });
  it('down removes volumes only when asked, per-service actions name the service', () => {
    expect(StackCompose.actionArgs({ ...base, action: 'down' }, 'v1')).toEqual(['down']);
    expect(StackCompose.actionArgs({ ...base, action: 'down', removeVolumes: true, services: ['x'] }, 'v1')).toEqual(['down', '--volumes']);
    expect(StackCompose.actionArgs({ ...base, action: 'restart', services: ['web'] }, 'v1')).toEqual(['restart', '-t', '10', 'web']);
  });
});

describe('notComposeReason', () => {
  it('passes compose files, empty ones, and broken YAML in a .yml/.yaml file (being edited)', () => {
    expect(notComposeReason('services:\n  web:\n    image: nginx\n', '/s/compose.yaml')).toBeNull();
    expect(notComposeReason('version: "3"\nx-common: &c {}\nvolumes: {}\nname: app\n', '/s/docker-compose.yml')).toBeNull();
    expect(notComposeReason('# just a comment\n', '/s/compose.yaml')).toBeNull();
    expect(notComposeReason('', '/s/compose')).toBeNull();
    expect(notComposeReason('services:\n  web: [unclosed\n', '/s/compose.yaml')).toBeNull();
  });

  it('refuses what is not compose: a password file, a .env, JSON of another kind, broken YAML elsewhere', () => {
    const shadow = notComposeReason('root:$y$j9T$abc:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n', '/etc/shadow');
    expect(shadow).toMatch(/not (a YAML mapping|compose keys|YAML)/);
    expect(shadow).not.toMatch(/root|daemon|\$y\$/);
    expect(notComposeReason('DB_PASSWORD=hunter2\n', '/s/.env')).toMatch(/not a YAML mapping/);
    expect(notComposeReason('{"name": "x", "dependencies": {}}', '/s/package.json')).toBe('its top-level keys are not compose keys (services, volumes, …)');
    expect(notComposeReason('SECRET_KEY: abc\n', '/s/secrets.yaml')).not.toMatch(/SECRET/);
    expect(notComposeReason('a: [unclosed\n', '/etc/config')).toBe('it is not YAML');
  });
});
