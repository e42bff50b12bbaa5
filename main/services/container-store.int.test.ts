import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../preload/contract/containers';
import type { RawEngineEvent } from '../engine/connection';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, removeTestObjects, requireEngine, testDocker, uniqueName } from '../test-support/engine';
import { ContainerStore } from './container-store';

const docker = testDocker();
let engines: EngineRegistry;

beforeAll(async () => {
  await requireEngine(docker);
  engines = EngineRegistry.fromEnvironment();
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
});

afterAll(async () => {
  await removeTestObjects(docker);
  await engines.stopAll();
});

/** A store that misses the events the engine drops for a subscriber that falls behind: here, every start (and the
 * network connect that comes with it) of the containers named in `deaf`. */
class DroppingStore extends ContainerStore {
  readonly deaf = new Set<string>();
  protected override onEvent(ev: RawEngineEvent): void {
    const id = ev.Type === 'network' ? ev.Actor?.Attributes?.container : (ev.Actor?.ID ?? ev.id);
    if (id && this.deaf.has(id) && (ev.Type === 'network' || ev.Action === 'start')) return;
    super.onEvent(ev);
  }
}

describe('container store after an event storm', () => {
  it('reads the whole list once the storm is over and sends what the events it missed changed', async () => {
    const store = new DroppingStore(engines.get(), 50, { events: 10, quietMs: 500 }).start();
    const held = new Map<string, ContainerSummary>();
    const off = store.subscribe((m) => {
      if (m.type === 'snapshot') {
        held.clear();
        for (const c of m.containers) held.set(c.id, c);
      } else {
        for (const c of m.upserts) held.set(c.id, c);
        for (const id of m.removes) held.delete(id);
      }
    });
    try {
      await eventually(() => expect(store.ready).toBe(true));
      // Three containers whose start events are lost: the store sees them created, never started.
      const missed: Docker.Container[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await createTestContainer(docker, { name: uniqueName('storm-missed') });
        store.deaf.add(c.id);
        missed.push(c);
      }
      await eventually(() => expect(missed.map((c) => held.get(c.id)?.state)).toEqual(['created', 'created', 'created']));
      for (const c of missed) await c.start();
      await new Promise((r) => setTimeout(r, 700));
      expect(missed.map((c) => held.get(c.id)?.state), 'no event told the store about the starts').toEqual(['created', 'created', 'created']);
      // A storm: a dozen more containers. Once it is over, the whole list is read again.
      await Promise.all(Array.from({ length: 12 }, () => createTestContainer(docker, { name: uniqueName('storm') })));
      await eventually(() => expect(missed.map((c) => held.get(c.id)?.state)).toEqual(['running', 'running', 'running']), 10_000);
    } finally {
      off();
      store.dispose();
    }
  });
});
