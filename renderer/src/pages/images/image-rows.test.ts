import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary } from '../../../../preload/contract';
import { buildImageRows, filterImageRows, joinImageRows, layerShares, sortImageRows, usersByName, type ImageListView } from './image-rows';

const image = (id: string, tags: string[], size: number, created: number): ImageSummary => ({
  engineId: 'local',
  id: `sha256:${id.padEnd(64, '0')}`,
  repoTags: tags,
  repoDigests: [],
  size,
  created,
  labels: {},
  dangling: tags.length === 0,
});
const container = (name: string, imageId: string, state: ContainerSummary['state'] = 'running') =>
  ({ engineId: 'local', id: name, name, imageId, state }) as ContainerSummary;

const images = [image('aaa', ['web:1', 'web:latest'], 300, 3), image('bbb', [], 100, 2), image('ccc', ['db:16'], 200, 1)];
const containers = [container('web-1', images[0]!.id), container('old', images[0]!.id, 'exited'), container('db', images[2]!.id)];
const view = (v: Partial<ImageListView>): ImageListView => ({ filterText: '', filter: 'all', sort: { key: 'name', dir: 'asc' }, ...v });

describe('buildImageRows', () => {
  it('joins the containers that use each image, names sorted, dangling last by name', () => {
    const rows = buildImageRows(images, containers, view({}));
    expect(rows.map((r) => r.name)).toEqual(['db:16', 'web:1', '<none>']);
    expect(usersByName(rows[1]!.users).map((u) => u.name)).toEqual(['old', 'web-1']);
    expect(rows[1]!.shortId).toBe('aaa000000000');
  });

  it('filters dangling, in use and unused', () => {
    expect(buildImageRows(images, containers, view({ filter: 'dangling' })).map((r) => r.name)).toEqual(['<none>']);
    expect(buildImageRows(images, containers, view({ filter: 'unused' })).map((r) => r.name)).toEqual(['<none>']);
    expect(buildImageRows(images, containers, view({ filter: 'in-use' }))).toHaveLength(2);
  });

  it('matches text against every tag, the id and the names of containers', () => {
    expect(buildImageRows(images, containers, view({ filterText: 'latest' })).map((r) => r.name)).toEqual(['web:1']);
    expect(buildImageRows(images, containers, view({ filterText: 'sha256:ccc' })).map((r) => r.name)).toEqual(['db:16']);
    expect(buildImageRows(images, containers, view({ filterText: 'web-1' })).map((r) => r.name)).toEqual(['web:1']);
  });

  it('sorts by size, created and container count both ways', () => {
    expect(buildImageRows(images, [], view({ sort: { key: 'size', dir: 'desc' } })).map((r) => r.image.size)).toEqual([300, 200, 100]);
    expect(buildImageRows(images, [], view({ sort: { key: 'created', dir: 'asc' } })).map((r) => r.image.created)).toEqual([1, 2, 3]);
    expect(buildImageRows(images, containers, view({ sort: { key: 'containers', dir: 'desc' } }))[0]!.name).toBe('web:1');
  });
});

describe('joinImageRows', () => {
  it('keeps a row, and the whole join, while its image and its users are the same objects', () => {
    const first = joinImageRows(images, containers);
    expect(joinImageRows(images, [...containers], first)).toBe(first);
    // One container of web:1 replaced (its summary changes when it stops): only web:1's row is new.
    const stopped = { ...containers[0]!, state: 'exited' } as ContainerSummary;
    const next = joinImageRows(images, [stopped, containers[1]!, containers[2]!], first);
    expect(next).not.toBe(first);
    const key = (i: number) => `local/${images[i]!.id}`;
    expect(next.get(key(0))).not.toBe(first.get(key(0)));
    expect(next.get(key(0))!.users.map((u) => u.state)).toEqual(['exited', 'exited']);
    expect(next.get(key(1))).toBe(first.get(key(1)));
    expect(next.get(key(2))).toBe(first.get(key(2)));
    // An image gone is a join of its own.
    expect(joinImageRows(images.slice(1), containers, first).size).toBe(2);
  });

  it('joins only the containers of the image\'s own engine', () => {
    const other = { ...containers[2]!, engineId: 'remote' } as ContainerSummary;
    expect(joinImageRows(images, [other]).get(`local/${images[2]!.id}`)!.users).toEqual([]);
  });

  it('filters the sorted rows in their order; no filter gives the sorted rows themselves', () => {
    const sorted = sortImageRows(joinImageRows(images, containers).values(), { key: 'size', dir: 'asc' });
    expect(filterImageRows(sorted, { filterText: '', filter: 'all' })).toBe(sorted);
    expect(filterImageRows(sorted, { filterText: '', filter: 'in-use' }).map((r) => r.name)).toEqual(['db:16', 'web:1']);
  });
});

describe('layerShares', () => {
  it('scales to the heaviest layer', () => {
    expect(layerShares([0, 50, 200])).toEqual([0, 0.25, 1]);
    expect(layerShares([])).toEqual([]);
    expect(layerShares([0, 0])).toEqual([0, 0]);
  });
});
