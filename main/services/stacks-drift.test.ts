import { describe, expect, it } from 'vitest';
import { compareConfigHashes, parseConfigHashes } from './stacks-drift';

const h = (c: string) => c.repeat(64);

describe('stack drift (the saved file against what runs)', () => {
  it('reads compose config --hash=* output', () => {
    expect(parseConfigHashes(`web ${h('a')}\napi ${h('b')}\n\nnoise line\n`)).toEqual(
      new Map([
        ['web', h('a')],
        ['api', h('b')],
      ]),
    );
  });

  it('names services whose containers were made from another configuration, new ones and dropped ones', () => {
    const file = new Map([
      ['web', h('a')],
      ['api', h('b')],
      ['cache', h('c')],
    ]);
    const v = '2.26.1';
    const containers = [
      { service: 'web', hash: h('a'), composeVersion: v },
      { service: 'api', hash: h('0'), composeVersion: v },
      { service: 'api', hash: h('b'), composeVersion: v },
      { service: 'old', hash: h('d'), composeVersion: v },
    ];
    expect(compareConfigHashes(file, containers, 'v2')).toEqual({ changed: ['api'], added: ['cache'], removed: ['old'], error: null });
  });

  it('says nothing when every container matches its service', () => {
    expect(compareConfigHashes(new Map([['web', h('a')]]), [{ service: 'web', hash: h('a'), composeVersion: '1.29.2' }], 'v1')).toEqual({ changed: [], added: [], removed: [], error: null });
  });

  it('does not compare hashes made by the other compose (v1 and v2 hash differently)', () => {
    const drift = compareConfigHashes(new Map([['web', h('a')]]), [{ service: 'web', hash: h('b'), composeVersion: '2.26.1' }], 'v1');
    expect(drift.changed).toEqual([]);
    expect(drift.error).toMatch(/created by compose 2\.26\.1.*compose v1/);
  });
});
