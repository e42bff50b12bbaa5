import { describe, expect, it } from 'vitest';
import { recreateItems } from './recreate-items';

const plan = {
  container: { id: 'abcdef1234567890', name: 'web', state: 'running' as const, image: 'nginx' },
  running: true,
  anonymousVolumes: ['a'.repeat(64)],
  keptMounts: [{ type: 'bind' as const, name: '/srv', destination: '/srv' }],
  writableLayerLost: true as const,
};

describe('recreate plan', () => {
  it('always loses the writable layer; anonymous volumes only when not kept', () => {
    const kept = recreateItems(plan, true);
    expect(kept.filter((i) => i.effect === 'lost').map((i) => i.key)).toEqual(['container', 'layer']);
    expect(kept.find((i) => i.key.startsWith('anon:'))?.effect).toBe('kept');
    const lost = recreateItems(plan, false);
    expect(lost.find((i) => i.key.startsWith('anon:'))?.effect).toBe('lost');
    expect(lost.some((i) => i.key === 'running')).toBe(true);
  });

  it('says a compose container stays in its project and that compose up puts the file back', () => {
    const items = recreateItems({ ...plan, container: { ...plan.container, compose: { project: 'shop', service: 'web' } } }, true);
    expect(items.find((i) => i.key === 'compose')).toMatchObject({ effect: 'note', label: 'Stays in compose project shop (service web)' });
    expect(recreateItems(plan, true).some((i) => i.key === 'compose')).toBe(false);
  });
});
