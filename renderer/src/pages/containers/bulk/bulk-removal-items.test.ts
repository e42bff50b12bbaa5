import { describe, expect, it } from 'vitest';
import type { ContainerRemovalPlan } from '../../../../../preload/contract';
import { bulkRemovalItems } from './bulk-removal-items';

const plan = (name: string, running: boolean, anon: string[] = []): ContainerRemovalPlan => ({
  container: { id: `${name}-id`, name, state: running ? 'running' : 'exited', image: 'busybox' },
  running,
  anonymousVolumes: anon,
  keptMounts: [{ type: 'volume', name: 'data', destination: '/data' }],
  writableLayerLost: true,
});

describe('bulk removal plan', () => {
  it('lists every container, its anonymous volumes and kept mounts', () => {
    const items = bulkRemovalItems([plan('a', false, ['f'.repeat(64)]), plan('b', true)], { removeVolumes: true, includeRunning: true });
    expect(items.filter((i) => i.effect === 'lost').map((i) => i.key)).toEqual(['c:a-id', 'c:b-id', `anon:${'f'.repeat(64)}`]);
    expect(items.find((i) => i.effect === 'note')?.label).toBe('1 running: it will be stopped first');
    expect(items.filter((i) => i.effect === 'kept')).toHaveLength(2);
  });
  it('leaves running containers alone without force, and keeps anonymous volumes unless asked', () => {
    const items = bulkRemovalItems([plan('a', false, ['e'.repeat(64)]), plan('b', true)], { removeVolumes: false, includeRunning: false });
    expect(items.find((i) => i.key === 'c:b-id')?.effect).toBe('kept');
    expect(items.find((i) => i.key.startsWith('anon:'))?.effect).toBe('kept');
    expect(items.some((i) => i.effect === 'note')).toBe(false);
  });
});
