import { describe, expect, it } from 'vitest';
import type { ContainerSummary, RememberedStack } from '../../../../preload/contract';
import { serviceStepTone, stackRows, stackRowsByEngine, stackStatus } from './stack-rows';

const c = (name: string, project: string, service: string, state: ContainerSummary['state'], configFiles?: string[]): ContainerSummary => ({
  engineId: 'local',
  id: name,
  name,
  image: 'x',
  imageId: 'sha256:x',
  command: '',
  created: 0,
  state,
  status: '',
  statusSince: null,
  health: null,
  ports: [],
  labels: {},
  compose: { project, service, workingDir: '/srv/' + project, ...(configFiles ? { configFiles } : {}) },
  networks: [],
});
const remembered = (path: string, projectName: string, services: string[], exists = true): RememberedStack => ({ path, projectName, services, exists, openedAt: 1, options: { projectName: null, files: [], profiles: [], envFile: null } });

describe('stack status', () => {
  it('running, partly running, stopped, not deployed', () => {
    expect(stackStatus([], ['web'])).toBe('not-deployed');
    expect(stackStatus([c('a', 'p', 'web', 'running'), c('b', 'p', 'db', 'running')], ['web', 'db'])).toBe('running');
    expect(stackStatus([c('a', 'p', 'web', 'running'), c('b', 'p', 'db', 'exited')], ['web', 'db'])).toBe('partial');
    // every container runs, but a declared service has none yet
    expect(stackStatus([c('a', 'p', 'web', 'running')], ['web', 'db'])).toBe('partial');
    expect(stackStatus([c('a', 'p', 'web', 'exited'), c('b', 'p', 'db', 'created')], ['web', 'db'])).toBe('stopped');
  });
});

describe('stack rows', () => {
  it('merges remembered stacks with the engine projects, by config file or project name', () => {
    const rows = stackRows(
      [
        c('shop-web-1', 'shop', 'web', 'running', ['/srv/shop/compose.yaml']),
        c('blog_db_1', 'blog', 'db', 'exited'),
        c('other_x_1', 'other', 'x', 'running', ['/opt/other/docker-compose.yml']),
        c('lone', 'lone', 'app', 'running'),
      ],
      [remembered('/srv/shop/compose.yaml', 'shop', ['web', 'db']), remembered('/home/me/blog/compose.yaml', 'blog', ['db']), remembered('/home/me/new/compose.yaml', 'new', ['app'])],
    );
    expect(rows.map((r) => [r.key, r.name, r.status, r.services.join(','), r.remembered])).toEqual([
      ['/home/me/blog/compose.yaml', 'blog', 'stopped', 'db', true],
      ['project:lone', 'lone', 'running', 'app', false],
      ['/home/me/new/compose.yaml', 'new', 'not-deployed', 'app', true],
      ['/opt/other/docker-compose.yml', 'other', 'running', 'x', false],
      ['/srv/shop/compose.yaml', 'shop', 'partial', 'db,web', true],
    ]);
    expect(rows.find((r) => r.name === 'lone')!.workingDir).toBe('/srv/lone');
  });

  it('marks a remembered file that is gone', () => {
    expect(stackRows([], [remembered('/x/compose.yaml', 'x', [], false)])[0]).toMatchObject({ missing: true, status: 'not-deployed' });
  });
});

describe('service step tone', () => {
  it('a step that took the service away is not shown as a success', () => {
    expect(serviceStepTone({ step: 'Removed', state: 'done' })).toBe('gone');
    expect(serviceStepTone({ step: 'Stopped', state: 'done' })).toBe('gone');
    expect(serviceStepTone({ step: 'Killed', state: 'done' })).toBe('gone');
    expect(serviceStepTone({ step: 'Started', state: 'done' })).toBe('done');
    expect(serviceStepTone({ step: 'Created', state: 'done' })).toBe('done');
    expect(serviceStepTone({ step: 'Removing', state: 'working' })).toBe('working');
    expect(serviceStepTone({ step: 'Error', state: 'failed' })).toBe('failed');
  });
});

describe('stacks over several engines', () => {
  it('lists each engine’s projects under it, a file that runs nowhere under the primary engine only', () => {
    const local = [c('shop-web-1', 'shop', 'web', 'running')];
    const tls = [{ ...c('blog-app-1', 'blog', 'app', 'running'), engineId: 'tls' }, { ...c('shop-web-1', 'shop', 'web', 'exited'), engineId: 'tls' }];
    const files = [remembered('/srv/shop/compose.yaml', 'shop', ['web']), remembered('/srv/new/compose.yaml', 'new', ['api'])];
    const sections = stackRowsByEngine((id) => (id === 'local' ? local : tls), ['local', 'tls'], 'local', files);
    expect(sections.map((s) => [s.engineId, s.rows.map((r) => `${r.name}:${r.status}`)])).toEqual([
      ['local', ['new:not-deployed', 'shop:running']],
      ['tls', ['blog:running', 'shop:stopped']],
    ]);
  });
});
