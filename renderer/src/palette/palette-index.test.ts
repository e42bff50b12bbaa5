import { describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineStatus, ImageSummary, VolumeSummary } from '../../../preload/contract';
import { replaceSnapshot, type ByEngine } from '../data/keyed';
import { aContainer } from '../pages/containers/container-fixture';
import { stackRows } from '../pages/stacks/stack-rows';
import { buildEntries, containerEntry, searchPalette, type PaletteSources } from './palette-index';

const byEngine = <T>(engineId: string, items: T[], idOf: (t: T) => string, base: ByEngine<T> = new Map()) => replaceSnapshot(base, engineId, items, idOf);

const image = (engineId: string, id: string, tags: string[]): ImageSummary => ({ engineId, id: `sha256:${id}`, repoTags: tags, repoDigests: [], size: 1, created: 0, labels: {}, dangling: tags.length === 0 });
const volume = (engineId: string, name: string): VolumeSummary =>
  ({ engineId, name, driver: 'local', mountpoint: '', scope: 'local', created: null, labels: {}, options: {}, anonymous: false, composeProject: null, usedBy: [] }) as VolumeSummary;

function sources(over: Partial<PaletteSources> = {}): PaletteSources {
  const web = aContainer({ id: 'aaa111', name: 'shop-web-1', image: 'nginx:1.27', compose: { project: 'shop', service: 'web' } });
  const db = aContainer({ id: 'bbb222', name: 'shop-db-1', image: 'postgres:16', compose: { project: 'shop', service: 'db' } });
  const remote = aContainer({ engineId: 'prod', id: 'ccc333', name: 'billing-api', image: 'registry.local/billing:2' });
  let containers = byEngine<ContainerSummary>('local', [web, db], (c) => c.id);
  containers = byEngine('prod', [remote], (c) => c.id, containers);
  return {
    containers,
    images: byEngine('local', [image('local', 'f00d', ['nginx:1.27']), image('local', 'dead', [])], (i) => i.id),
    volumes: byEngine('prod', [volume('prod', 'billing-data')], (v) => v.name),
    networks: new Map(),
    stacks: [{ engineId: 'local', rows: stackRows([web, db], []) }],
    engines: [{ status: { engineId: 'prod', state: 'connected' } as EngineStatus, name: 'Production' }],
    commands: [
      { id: 'theme.toggle', label: 'Toggle theme', keywords: 'dark light' },
      { id: 'image.pull', label: 'Pull image…', keywords: 'download registry' },
    ],
    ...over,
  };
}

const titles = (hits: { entry: { title: string } }[]) => hits.map((h) => h.entry.title);

describe('the palette index', () => {
  it('holds every engine’s objects, stacks, engines and commands', () => {
    const entries = buildEntries(sources());
    expect(entries.map((e) => e.key).sort()).toEqual(
      [
        'command:image.pull',
        'command:theme.toggle',
        'container:local/aaa111',
        'container:local/bbb222',
        'container:prod/ccc333',
        'engine:prod',
        'image:local/sha256:dead',
        'image:local/sha256:f00d',
        'stack:local/project:shop',
        'volume:prod/billing-data',
      ].sort(),
    );
  });

  it('finds a container by part of its name, its image, its compose project or service, across engines', () => {
    const entries = buildEntries(sources());
    expect(titles(searchPalette(entries, 'bilap', []).hits)[0]).toBe('billing-api');
    expect(searchPalette(entries, 'postgres', []).hits[0]!.entry.key).toBe('container:local/bbb222');
    const shop = searchPalette(entries, 'shop', []).hits.map((h) => h.entry.key);
    expect(shop).toEqual(expect.arrayContaining(['container:local/aaa111', 'container:local/bbb222', 'stack:local/project:shop']));
    expect(searchPalette(entries, 'billing-data', []).hits[0]!.entry.kind).toBe('volume');
    expect(searchPalette(entries, 'Production', []).hits[0]!.entry.kind).toBe('engine');
  });

  it('finds an image by reference or short id, and a dangling one by its id', () => {
    const entries = buildEntries(sources());
    expect(searchPalette(entries, 'nginx:1.27', []).hits.map((h) => h.entry.kind)).toEqual(expect.arrayContaining(['image', 'container']));
    expect(searchPalette(entries, 'dead', []).hits[0]!.entry.key).toBe('image:local/sha256:dead');
  });

  it('finds commands by label and by their other words', () => {
    const entries = buildEntries(sources());
    expect(titles(searchPalette(entries, 'toggle th', []).hits)[0]).toBe('Toggle theme');
    expect(titles(searchPalette(entries, 'download', []).hits)).toContain('Pull image…');
  });

  it('marks the matched letters of the title', () => {
    const entries = buildEntries(sources());
    const hit = searchPalette(entries, 'web', []).hits.find((h) => h.entry.key === 'container:local/aaa111')!;
    expect(hit.titleIndexes.map((i) => hit.entry.title[i]).join('')).toBe('web');
  });

  it('says how many match, beyond the ones it returns', () => {
    const many = Array.from({ length: 120 }, (_, i) => aContainer({ id: `id${i}`, name: `worker-${i}` }));
    const entries = buildEntries(sources({ containers: byEngine('local', many, (c) => c.id) }));
    const { hits, total } = searchPalette(entries, 'worker', [], 50);
    expect(hits).toHaveLength(50);
    expect(total).toBe(120);
  });

  it('with nothing typed: recent entries first (newest first), then the commands; no objects otherwise', () => {
    const entries = buildEntries(sources());
    const { hits } = searchPalette(entries, '  ', ['container:prod/ccc333', 'command:image.pull', 'container:gone/zzz']);
    expect(hits.map((h) => h.entry.key)).toEqual(['container:prod/ccc333', 'command:image.pull', 'command:theme.toggle']);
  });

  it('a recent entry wins among close matches; the page’s engine wins a tie', () => {
    const a = aContainer({ id: 'x1', name: 'api-blue' });
    const b = aContainer({ id: 'x2', name: 'api-green' });
    const entries = buildEntries(sources({ containers: byEngine('local', [a, b], (c) => c.id) }));
    expect(searchPalette(entries, 'api', []).hits[0]!.entry.title).toBe('api-blue');
    expect(searchPalette(entries, 'api', ['container:local/x2']).hits[0]!.entry.title).toBe('api-green');

    const same = aContainer({ id: 'same', name: 'twin' });
    let twins = byEngine('local', [same], (c) => c.id);
    twins = byEngine('ctx', [{ ...same, engineId: 'ctx' }], (c) => c.id, twins);
    const both = buildEntries(sources({ containers: twins }));
    expect(searchPalette(both, 'twin', [], 50, 'ctx').hits[0]!.entry.engineId).toBe('ctx');
    expect(searchPalette(both, 'twin', [], 50, 'local').hits[0]!.entry.engineId).toBe('local');
  });

  it('keeps an unchanged object’s entry (prepared once) and makes a new one for a changed object', () => {
    const c = aContainer({ id: 'keep', name: 'steady' });
    expect(containerEntry(c)).toBe(containerEntry(c));
    const stopped = { ...c, state: 'exited' as const };
    expect(containerEntry(stopped)).not.toBe(containerEntry(c));
    expect(containerEntry(stopped).detail).toMatch(/^exited/);
  });

  it('a broad query among thousands still counts them all and puts the closest first', () => {
    const vols = Array.from({ length: 3000 }, (_, i) => volume('local', `backup-data-${i}`));
    const exact = aContainer({ id: 'exact', name: 'data' });
    const entries = buildEntries(sources({ containers: byEngine('local', [exact], (c) => c.id), volumes: byEngine('local', vols, (v) => v.name) }));
    const { hits, total } = searchPalette(entries, 'data', [], 30);
    expect(total).toBe(3001);
    expect(hits[0]!.entry.key).toBe('container:local/exact');
    expect(hits).toHaveLength(30);
    // A recent one far down the quick ranking is still lifted above its like.
    const lifted = searchPalette(entries, 'data', ['volume:local/backup-data-2999'], 30).hits.map((h) => h.entry.key);
    expect(lifted.slice(0, 2)).toContain('volume:local/backup-data-2999');
  });

  it('nothing matches nonsense', () => {
    const entries = buildEntries(sources());
    expect(searchPalette(entries, 'zzqxj', [])).toEqual({ hits: [], total: 0 });
  });
  it('typing on, editing back or searching other entries finds what a fresh search finds', () => {
    const many = buildEntries(sources({ volumes: byEngine('prod', Array.from({ length: 600 }, (_, i) => volume('prod', `billing-${i}`)), (v) => v.name) }));
    const fresh = (q: string) => searchPalette([...many], q, []);
    const typed = ['b', 'bi', 'bil', 'bill', 'bi', 'biqq', 'bi', 'b', 'shop', 'shop w', 'shop we'].map((q) => ({ q, got: searchPalette(many, q, []) }));
    for (const { q, got } of typed) {
      const want = fresh(q);
      expect({ q, total: got.total, titles: titles(got.hits) }).toEqual({ q, total: want.total, titles: titles(want.hits) });
    }
    expect(typed.find((t) => t.q === 'bill')!.got.total).toBe(601);
    expect(typed.find((t) => t.q === 'biqq')!.got.total).toBe(0);
    // Typed on after a miss, then edited back: the wider set comes back.
    expect(typed[6]!.got.total).toBeGreaterThanOrEqual(601);
    expect(typed[7]!.got.total).toBeGreaterThan(601);
  });
});
