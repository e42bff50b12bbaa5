import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../preload/contract/events';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, removeTestObjects, requireEngine, testDocker, uniqueName } from '../test-support/engine';
import { EventsService } from './events';

const docker = testDocker();
let engines: EngineRegistry;
let service: EventsService;

beforeAll(async () => {
  await requireEngine(docker);
  engines = EngineRegistry.fromEnvironment();
  service = new EventsService(engines);
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
});

afterAll(async () => {
  await removeTestObjects(docker);
  await engines.stopAll();
});

describe('events.watch with sinceSeconds', () => {
  it('replays what happened before the subscription, then goes on live, each event once', async () => {
    const c = await createTestContainer(docker, { name: uniqueName('events-past') });
    const got: EngineEvent[] = [];
    const abort = new AbortController();
    const done = service.watch({ sinceSeconds: 120, types: ['container'] }, (e) => got.push(e), abort.signal);
    try {
      const mine = (action: string) => got.filter((e) => e.actor.id === c.id && e.action === action);
      await eventually(() => expect(mine('create')).toHaveLength(1)); // from before the subscription
      await c.start();
      await eventually(() => expect(mine('start')).toHaveLength(1)); // live
      expect(got.every((e) => e.type === 'container')).toBe(true);
      const times = got.filter((e) => e.actor.id === c.id).map((e) => e.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    } finally {
      abort.abort();
      await done;
    }
  });
});
