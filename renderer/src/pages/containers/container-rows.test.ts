import { describe, expect, it } from 'vitest';
import { buildContainerRows, matchesText, narrows, prepareFilter, resortFrom, sortContainers, summarizeStates, type ContainerListView } from './container-rows';
import { aContainer } from './container-fixture';

const view = (overrides: Partial<ContainerListView> = {}): ContainerListView => ({
  filterText: '',
  stateFilter: 'all',
  sort: { column: 'name', direction: 'asc' },
  collapsedGroups: new Set(),
  ...overrides,
});

const shop = (id: string, service: string, state: 'running' | 'exited' = 'running') =>
  aContainer({ id, name: `shop-${service}-1`, state, compose: { project: 'shop', service, number: 1 } });

describe('summarizeStates', () => {
  it('counts states in the order people act on them', () => {
    expect(
      summarizeStates([
        aContainer({ state: 'exited' }),
        aContainer({ state: 'running' }),
        aContainer({ state: 'running' }),
        aContainer({ state: 'paused' }),
      ]),
    ).toBe('2 running · 1 paused · 1 exited');
  });
});

describe('matchesText', () => {
  const c = aContainer({ id: 'abc123', name: 'web', image: 'nginx:1.27', compose: { project: 'shop', service: 'frontend' } });
  it('matches name, image, id prefix and compose project, case-insensitively', () => {
    expect(matchesText(c, 'WEB')).toBe(true);
    expect(matchesText(c, 'nginx')).toBe(true);
    expect(matchesText(c, 'abc1')).toBe(true);
    expect(matchesText(c, 'shop')).toBe(true);
    expect(matchesText(c, 'redis')).toBe(false);
  });
  it('needs every word to match', () => {
    expect(matchesText(c, 'shop nginx')).toBe(true);
    expect(matchesText(c, 'shop redis')).toBe(false);
  });
});

describe('sortContainers', () => {
  it('sorts names naturally and reverses on desc', () => {
    const list = [aContainer({ id: '1', name: 'web-10' }), aContainer({ id: '2', name: 'web-2' }), aContainer({ id: '3', name: 'api' })];
    expect(sortContainers(list, { column: 'name', direction: 'asc' }).map((c) => c.name)).toEqual(['api', 'web-2', 'web-10']);
    expect(sortContainers(list, { column: 'name', direction: 'desc' }).map((c) => c.name)).toEqual(['web-10', 'web-2', 'api']);
  });
  it('sorts by created time and by health with unhealthy first', () => {
    const list = [
      aContainer({ id: '1', name: 'a', created: 3, health: 'healthy' }),
      aContainer({ id: '2', name: 'b', created: 1, health: 'unhealthy' }),
      aContainer({ id: '3', name: 'c', created: 2, health: null }),
    ];
    expect(sortContainers(list, { column: 'created', direction: 'desc' }).map((c) => c.name)).toEqual(['a', 'c', 'b']);
    expect(sortContainers(list, { column: 'health', direction: 'asc' }).map((c) => c.name)).toEqual(['b', 'a', 'c']);
  });
});

describe('buildContainerRows', () => {
  const containers = [
    aContainer({ id: 's1', name: 'scratchpad', state: 'exited' }),
    shop('w', 'web'),
    shop('d', 'db', 'exited'),
    aContainer({ id: 'b1', name: 'blog-app-1', compose: { project: 'blog', service: 'app' } }),
  ];

  it('puts compose projects first (alphabetically), containers outside a project last', () => {
    const rows = buildContainerRows(containers, view());
    expect(rows.map((r) => (r.kind === 'container' ? r.container.name : `[${r.title}]`))).toEqual([
      '[blog]',
      'blog-app-1',
      '[shop]',
      'shop-db-1',
      'shop-web-1',
      '[Not in a compose project]',
      'scratchpad',
    ]);
  });

  it('gives each group a count and a state summary', () => {
    const shopRow = buildContainerRows(containers, view()).find((r) => r.kind === 'group' && r.project === 'shop');
    expect(shopRow).toMatchObject({ count: 2, summary: '1 running · 1 exited' });
  });

  it('keeps the row of every container a delta did not replace (same object: no new rows or keys per delta)', () => {
    const first = buildContainerRows(containers, view());
    const stopped = { ...containers[1]!, state: 'exited' as const };
    const next = buildContainerRows([containers[0]!, stopped, containers[2]!, containers[3]!], view());
    const byKey = (rows: typeof first) => new Map(rows.map((r) => [r.key, r]));
    const [before, after] = [byKey(first), byKey(next)];
    for (const key of ['local/s1', 'local/d', 'local/b1']) expect(after.get(key)).toBe(before.get(key));
    expect(after.get('local/w')).not.toBe(before.get('local/w'));
    expect(after.get('local/w')).toMatchObject({ kind: 'container', key: 'local/w', container: stopped });
    expect(after.get('project:shop')).toMatchObject({ count: 2, summary: '2 exited' });
  });

  it('hides the members of a collapsed group but keeps its header', () => {
    const rows = buildContainerRows(containers, view({ collapsedGroups: new Set(['project:shop']) }));
    expect(rows.filter((r) => r.kind === 'container').map((r) => r.key)).toEqual(['local/b1', 'local/s1']);
    expect(rows.find((r) => r.key === 'project:shop')).toMatchObject({ collapsed: true, count: 2 });
  });

  it('filters by state and text and drops groups left empty', () => {
    const running = buildContainerRows(containers, view({ stateFilter: 'running' }));
    expect(running.map((r) => r.key)).toEqual(['project:blog', 'local/b1', 'project:shop', 'local/w']);
    const text = buildContainerRows(containers, view({ filterText: 'scratch' }));
    expect(text.map((r) => r.key)).toEqual(['standalone', 'local/s1']);
  });

  it('gives each key what a fresh filter would, typing on, deleting back and changing the state filter', () => {
    const list = Array.from({ length: 60 }, (_, i) =>
      aContainer({ id: `c${i}`, name: `app-${i % 3 ? 'web' : 'db'}-${i}`, state: i % 4 ? 'exited' : 'running', compose: i % 5 ? { project: `p${i % 7}`, service: 's' } : null }),
    );
    const keysOf = (v: ContainerListView) => buildContainerRows(list, v).map((r) => r.key);
    // The same view built from a copy of the list: nothing of the last key's result carries over.
    const fresh = (v: ContainerListView) => buildContainerRows([...list], v).map((r) => r.key);
    const steps: Partial<ContainerListView>[] = [
      { filterText: 'a' },
      { filterText: 'a', healthFilter: 'none' },
      { filterText: 'ap', healthFilter: 'healthy' },
      { filterText: 'ap' },
      { filterText: 'app-w' },
      { filterText: 'app-we 1' },
      { filterText: 'app-we 1', stateFilter: 'running' },
      { filterText: 'app-web 1', stateFilter: 'running' },
      { filterText: 'app-web 1' },
      { filterText: 'app-web' },
      { filterText: 'app-d' },
      { filterText: 'app-db 2' },
      { filterText: 'app-db 21' },
      { filterText: 'app-db' },
      { filterText: '' },
    ];
    for (const step of steps) {
      const typed = keysOf(view(step));
      expect(typed, JSON.stringify(step)).toEqual(fresh(view(step)));
      keysOf(view(step)); // the list again, so the next step narrows from this one's result
    }
    expect(keysOf(view({ filterText: 'app-db 21' })).filter((k) => k.startsWith('local/'))).toEqual(['local/c21']);
  });

  it('gives the same rows back for a key every container still matches, and narrows on from there', () => {
    const list = Array.from({ length: 30 }, (_, i) => aContainer({ id: `c${i}`, name: `ci-run-${i}` }));
    // The page's view keeps its set of folded groups from one key to the next.
    const collapsedGroups = new Set<string>();
    const keyed = (v: Partial<ContainerListView> = {}) => view({ collapsedGroups, ...v });
    const all = buildContainerRows(list, keyed());
    expect(buildContainerRows(list, keyed({ filterText: 'c' }))).toBe(all);
    expect(buildContainerRows(list, keyed({ filterText: 'ci-' }))).toBe(all);
    const narrowed = buildContainerRows(list, keyed({ filterText: 'ci-run-1' }));
    expect(narrowed.filter((r) => r.kind === 'container').map((r) => r.key)).toEqual(['local/c1', ...Array.from({ length: 10 }, (_, i) => `local/c${10 + i}`)]);
    expect(buildContainerRows(list, keyed({ filterText: 'ci-run-1 ci' }))).toBe(narrowed);
    expect(buildContainerRows(list, keyed({ filterText: 'ci-run-12' })).filter((r) => r.kind === 'container').map((r) => r.key)).toEqual(['local/c12']);
    expect(buildContainerRows(list, keyed({ filterText: 'ci-run-2' })).filter((r) => r.kind === 'container')).toHaveLength(1 + 10);
  });
});

describe('project order', () => {
  const inProject = (id: string, project: string | null) => aContainer({ id, name: `n-${id}`, compose: project ? { project, service: 's' } : null });
  const groups = (list: ReturnType<typeof inProject>[], filterText = '') =>
    buildContainerRows(list, view({ filterText })).flatMap((r) => (r.kind === 'group' ? [r.title] : []));

  it('stays natural for the projects a filter leaves, and takes in a project it never saw', () => {
    const list = [inProject('a', 'p10'), inProject('b', 'p2'), inProject('c', null), inProject('d', 'p1'), inProject('e', 'p2')];
    expect(groups(list)).toEqual(['p1', 'p2', 'p10', 'Not in a compose project']);
    expect(groups(list, 'n-')).toEqual(['p1', 'p2', 'p10', 'Not in a compose project']);
    expect(groups(list, 'p1')).toEqual(['p1', 'p10']);
    const more = [...list, inProject('f', 'p3'), inProject('g', 'a')];
    expect(groups(more)).toEqual(['a', 'p1', 'p2', 'p3', 'p10', 'Not in a compose project']);
    expect(groups(more, 'p')).toEqual(['p1', 'p2', 'p3', 'p10']);
  });
});

describe('narrows', () => {
  it('holds when each word so far is within the same word now', () => {
    expect(narrows([], ['web'])).toBe(true);
    expect(narrows(['we'], ['web'])).toBe(true);
    expect(narrows(['web'], ['web', 'x'])).toBe(true);
    expect(narrows(['web', 'x'], ['web', 'xy'])).toBe(true);
  });
  it('does not hold for a deleted, changed or dropped word', () => {
    expect(narrows(['web'], ['we'])).toBe(false);
    expect(narrows(['web'], ['wab'])).toBe(false);
    expect(narrows(['web', 'x'], ['webx'])).toBe(false);
    expect(narrows(['web'], [])).toBe(false);
  });
});

describe('buildContainerRows with several engines', () => {
  const containers = [
    aContainer({ id: 'a', name: 'api', engineId: 'tls', compose: { project: 'shop', service: 'api' } }),
    aContainer({ id: 'a', name: 'api', engineId: 'local', compose: { project: 'shop', service: 'api' } }),
    aContainer({ id: 'x', name: 'loose', engineId: 'tls' }),
  ];
  const engines = { order: ['local', 'tls'], names: new Map([['local', 'Local'], ['tls', 'Build box']]) };
  const label = (r: ReturnType<typeof buildContainerRows>[number]): string =>
    r.kind === 'engine' ? `<${r.title}>` : r.kind === 'group' ? `[${r.title}]` : `${r.container.engineId}:${r.container.name}`;

  it('groups by engine first, in the engines’ order, then by compose project', () => {
    expect(buildContainerRows(containers, view(), engines).map(label)).toEqual([
      '<Local>',
      '[shop]',
      'local:api',
      '<Build box>',
      '[shop]',
      'tls:api',
      '[Not in a compose project]',
      'tls:loose',
    ]);
  });

  it('keeps the same id on two engines apart, and folds one engine without the other', () => {
    const rows = buildContainerRows(containers, view({ collapsedGroups: new Set(['engine:local', 'engine:tls/project:shop']) }), engines);
    expect(rows.map((r) => r.key)).toEqual(['engine:local', 'engine:tls', 'engine:tls/project:shop', 'engine:tls/standalone', 'tls/x']);
    expect(rows[0]).toMatchObject({ kind: 'engine', count: 1, collapsed: true });
  });
});

describe('health filter', () => {
  it('keeps only the containers with that health ("none": no healthcheck)', () => {
    const cs = [aContainer({ id: 'h', name: 'h', health: 'healthy' }), aContainer({ id: 'u', name: 'u', health: 'unhealthy' }), aContainer({ id: 'n', name: 'n', health: null })];
    const names = (healthFilter: ContainerListView['healthFilter']) =>
      buildContainerRows(cs, view({ healthFilter })).flatMap((r) => (r.kind === 'container' ? [r.container.name] : []));
    expect(names('unhealthy')).toEqual(['u']);
    expect(names('none')).toEqual(['n']);
    expect(names('any')).toEqual(['h', 'n', 'u']);
    expect(names(undefined)).toEqual(['h', 'n', 'u']);
  });
});

describe('buildContainerRows on one list, filter and order changing', () => {
  const list = ['c-3', 'a-1', 'b-2', 'a-10', 'a-2'].map((id) => aContainer({ id, name: id }));
  const names = (rows: ReturnType<typeof buildContainerRows>) => rows.flatMap((r) => (r.kind === 'container' ? [r.container.name] : []));

  it('keeps each order a list was asked in, whichever came first', () => {
    expect(names(buildContainerRows(list, view()))).toEqual(['a-1', 'a-2', 'a-10', 'b-2', 'c-3']);
    expect(names(buildContainerRows(list, view({ sort: { column: 'name', direction: 'desc' } })))).toEqual(['c-3', 'b-2', 'a-10', 'a-2', 'a-1']);
    expect(names(buildContainerRows(list, view()))).toEqual(['a-1', 'a-2', 'a-10', 'b-2', 'c-3']);
  });

  it('filters in that order, and sees a replaced container', () => {
    expect(names(buildContainerRows(list, view({ filterText: 'a-' })))).toEqual(['a-1', 'a-2', 'a-10']);
    const renamed = list.map((c) => (c.id === 'b-2' ? aContainer({ id: 'b-2', name: 'a-0' }) : c));
    expect(names(buildContainerRows(renamed, view({ filterText: 'a-' })))).toEqual(['a-0', 'a-1', 'a-2', 'a-10']);
    expect(names(buildContainerRows(list, view({ filterText: 'a-' })))).toEqual(['a-1', 'a-2', 'a-10']);
  });

  it('gives the same rows back when a key leaves the same containers, so the list does not render again', () => {
    const collapsedGroups = new Set<string>();
    const first = buildContainerRows(list, view({ filterText: 'b', collapsedGroups }));
    expect(buildContainerRows(list, view({ filterText: 'bu', collapsedGroups }))).toBe(first); // busybox, every one
    const fewer = buildContainerRows(list, view({ filterText: 'a-1', collapsedGroups }));
    expect(fewer).not.toBe(first);
    expect(names(fewer)).toEqual(['a-1', 'a-10']);
    // Rows that say something else for the same containers are built anew: another group folded, or another list
    // whose containers were replaced.
    const folded = buildContainerRows(list, view({ filterText: 'a-1', collapsedGroups: new Set(['standalone']) }));
    expect(folded).not.toBe(fewer);
    expect(names(folded)).toEqual([]);
    const replaced = list.map((c) => (c.id === 'a-1' ? aContainer({ id: 'a-1', name: 'a-1', state: 'exited' }) : c));
    expect(buildContainerRows(replaced, view({ filterText: 'a-1', collapsedGroups: new Set(['standalone']) }))).not.toBe(folded);
  });
});

describe('resortFrom', () => {
  // A small deterministic generator: the same lists on every run.
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const states = ['running', 'exited', 'paused', 'created'] as const;
  const make = (i: number) =>
    aContainer({
      id: `id${i}`,
      name: `svc-${rand(40)}`,
      image: `img:${rand(5)}`,
      state: states[rand(4)]!,
      created: rand(1000),
      status: `Up ${rand(9)} minutes`,
      compose: rand(3) ? { project: `p${rand(6)}`, service: `s${rand(4)}`, number: rand(3) } : null,
    });
  const orders = (['name', 'image', 'state', 'status', 'health', 'created', 'compose'] as const).flatMap((column) =>
    (['asc', 'desc'] as const).map((direction) => ({ column, direction })),
  );

  it('gives the order a full sort gives, after deltas that add, replace and remove summaries', () => {
    for (const sort of orders) {
      let list = Array.from({ length: 600 }, (_, i) => make(i));
      let sorted: readonly ReturnType<typeof make>[] = sortContainers(list, sort);
      let next = 600;
      for (let round = 0; round < 20; round++) {
        list = list.filter(() => rand(100) > 1).map((c) => (rand(100) < 2 ? { ...make(0), id: c.id } : c));
        for (let k = rand(8); k > 0; k--) list.push(make(next++));
        const again = resortFrom(sorted, list, sort);
        expect(again, `${sort.column} ${sort.direction}, round ${round}`).not.toBeNull();
        expect(again!.map((c) => c.id)).toEqual(sortContainers(list, sort).map((c) => c.id));
        sorted = again!;
      }
    }
  });

  it('leaves a list that differs in many summaries to a full sort', () => {
    const sort = { column: 'name', direction: 'asc' } as const;
    const before = sortContainers(Array.from({ length: 2000 }, (_, i) => make(i)), sort);
    expect(resortFrom(before, Array.from({ length: 2000 }, (_, i) => make(i)), sort)).toBeNull();
  });
});

describe('prepareFilter', () => {
  const list = Array.from({ length: 250 }, (_, i) => aContainer({ id: `c${i}`, name: `c-${i}` }));

  const sort = { column: 'name', direction: 'asc' } as const;

  it('works through the list a slice at a time, from where it stopped, while more() allows', () => {
    expect(prepareFilter(list, sort, 0, () => false)).toBe(100);
    expect(prepareFilter(list, sort, 100, () => false)).toBe(200);
    expect(prepareFilter(list, sort, 200, () => false)).toBe(250);
    expect(prepareFilter(list, sort, 0, () => true)).toBe(250);
    expect(prepareFilter([], sort, 0, () => true)).toBe(0);
  });

  it('leaves the filter matching as before', () => {
    prepareFilter(list, sort, 0, () => true);
    expect(matchesText(list[42]!, 'C-42')).toBe(true);
    expect(matchesText(list[42]!, 'c-43')).toBe(false);
    const rows = buildContainerRows(list, view({ filterText: 'C-42' }));
    expect(rows.filter((r) => r.kind === 'container').map((r) => r.key)).toEqual(['local/c42']);
  });
});
