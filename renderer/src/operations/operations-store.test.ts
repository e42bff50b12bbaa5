import { describe, expect, it, vi } from 'vitest';
import type { TrackedOperation } from '../../../preload/contract';

vi.mock('../api', () => ({ berth: {} }));
vi.mock('../stores/navigation-store', () => ({ useNavigation: { getState: () => ({ page: 'containers' }) } }));

const { outcomesToToast } = await import('./operations-store');

const op = (id: number, kind: TrackedOperation['kind'], state: TrackedOperation['state']): TrackedOperation => ({
  id,
  kind,
  label: `${kind} ${id}`,
  state,
  progress: null,
  detail: '',
  error: state === 'failed' ? 'no' : null,
  queuedAt: 0,
  startedAt: 0,
  finishedAt: state === 'running' ? null : 1,
});

describe('outcomesToToast', () => {
  it('toasts operations that just finished off their page, not those on screen, cancelled or toasted by the images store', () => {
    const before = [op(1, 'backup', 'running'), op(2, 'compose', 'running'), op(3, 'restore', 'running'), op(4, 'pull', 'running'), op(5, 'clone', 'done')];
    const after = [op(1, 'backup', 'done'), op(2, 'compose', 'failed'), op(3, 'restore', 'cancelled'), op(4, 'pull', 'done'), op(5, 'clone', 'done')];
    expect(outcomesToToast(before, after, 'containers').map((o) => o.id)).toEqual([1, 2]);
    expect(outcomesToToast(before, after, 'volumes').map((o) => o.id)).toEqual([2]);
  });
});
