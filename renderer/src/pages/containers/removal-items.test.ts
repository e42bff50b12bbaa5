import { describe, expect, it } from 'vitest';
import type { ContainerRemovalPlan } from '../../../../preload/contract';
import { anonymousVolumesOptionLabel, removalItems } from './removal-items';

const plan: ContainerRemovalPlan = {
  container: { id: 'abcdef0123456789', name: 'db', state: 'running', image: 'postgres:16' },
  running: true,
  anonymousVolumes: ['f00dbeef00112233'],
  keptMounts: [
    { type: 'volume', name: 'pgdata', destination: '/var/lib/postgresql/data' },
    { type: 'bind', name: '/home/me/init', destination: '/docker-entrypoint-initdb.d' },
  ],
  writableLayerLost: true,
};

describe('removalItems', () => {
  it('lists the container and its writable layer as lost, and warns that it will be stopped', () => {
    const items = removalItems(plan, false);
    expect(items.filter((i) => i.effect === 'lost').map((i) => i.label)).toEqual([
      'Container db',
      'Its writable layer (files changed inside it)',
    ]);
    expect(items.find((i) => i.effect === 'note')?.label).toBe('Running: it will be stopped first');
  });

  it('moves anonymous volumes from kept to lost only when the user chooses to remove them', () => {
    expect(removalItems(plan, false).find((i) => i.key.startsWith('anon:'))?.effect).toBe('kept');
    expect(removalItems(plan, true).find((i) => i.key.startsWith('anon:'))?.effect).toBe('lost');
  });

  it('always lists named volumes and bind mounts as kept', () => {
    const kept = removalItems(plan, true).filter((i) => i.key.startsWith('kept:'));
    expect(kept.map((i) => [i.effect, i.label])).toEqual([
      ['kept', 'Volume pgdata'],
      ['kept', 'Host folder /home/me/init'],
    ]);
  });

  it('does not warn about stopping a stopped container', () => {
    expect(removalItems({ ...plan, running: false }, false).some((i) => i.effect === 'note')).toBe(false);
  });
});

describe('anonymousVolumesOptionLabel', () => {
  it('counts volumes', () => {
    expect(anonymousVolumesOptionLabel(1)).toBe('Also remove 1 anonymous volume');
    expect(anonymousVolumesOptionLabel(3)).toBe('Also remove 3 anonymous volumes');
  });
});
