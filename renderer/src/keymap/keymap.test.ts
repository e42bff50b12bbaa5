import { describe, expect, it } from 'vitest';
import { KEYMAP, type ShortcutId, type ShortcutSection } from './keymap';
import { parseSequence } from './keys';

const ids = Object.keys(KEYMAP) as ShortcutId[];
const inSections = (...sections: ShortcutSection[]) => ids.filter((id) => sections.includes(KEYMAP[id].section));

/** The shortcuts that can be bound at the same time (the pages mount these together). */
const TOGETHER: Record<string, ShortcutId[]> = {
  'containers list': inSections('General', 'Go to', 'Lists', 'Containers'),
  'images list': [...inSections('General', 'Go to', 'Images'), 'list.down', 'list.up', 'list.first', 'list.last'],
  'volumes list': [...inSections('General', 'Go to', 'Volumes'), 'list.down', 'list.up', 'list.first', 'list.last'],
  'networks list': [...inSections('General', 'Go to', 'Networks'), 'list.down', 'list.up', 'list.first', 'list.last', 'list.open'],
  'stacks or events list': [...inSections('General', 'Go to'), 'list.down', 'list.up', 'list.first', 'list.last', 'list.open'],
  'log view': inSections('General', 'Go to', 'Logs'),
};
/** Shared on purpose: the log view's `/` searches the log, over the page's `/` (the layer mounted last wins). */
const MEANT_TO_SHARE = new Set(['filter.focus|logs.search']);

describe('the keymap', () => {
  it('every key parses', () => {
    for (const id of ids) for (const spec of KEYMAP[id].keys) expect(() => parseSequence(spec), `${id}: ${spec}`).not.toThrow();
  });

  for (const [where, together] of Object.entries(TOGETHER)) {
    it(`no two shortcuts of the ${where} share a key`, () => {
      const owner = new Map<string, ShortcutId>();
      for (const id of together) {
        for (const spec of KEYMAP[id].keys) {
          const other = owner.get(spec);
          if (other) expect(MEANT_TO_SHARE.has([other, id].sort().join('|')), `${spec}: ${other} and ${id}`).toBe(true);
          owner.set(spec, id);
        }
      }
    });
  }

  it('no single key is also the start of a sequence (it would make `g` then `i` unreachable)', () => {
    const firsts = new Set(ids.flatMap((id) => KEYMAP[id].keys.filter((k) => k.includes(' ')).map((k) => k.split(' ')[0])));
    for (const id of ids) for (const spec of KEYMAP[id].keys) if (!spec.includes(' ')) expect(firsts.has(spec), `${id}: ${spec}`).toBe(false);
  });

  it('only chords that type nothing act while a field has focus', () => {
    for (const id of ids) {
      if (!(KEYMAP[id] as { fields?: boolean }).fields) continue;
      for (const spec of KEYMAP[id].keys) expect(/^(Mod\+|F\d+$)/.test(spec), `${id}: ${spec}`).toBe(true);
    }
  });

  it('every page of the sidebar has a `g` key', () => {
    expect(inSections('Go to').sort()).toEqual(['go.containers', 'go.disk', 'go.events', 'go.images', 'go.networks', 'go.settings', 'go.stacks', 'go.volumes']);
  });
});
