import { describe, expect, it } from 'vitest';
import { chunkLoader, ChunkLoadError, loadChunk } from './chunk-load';

const NO_WAIT = [0, 0, 0];

/** A load that fails `failures` times, then gives `value`; counts its calls. */
function flaky<T>(failures: number, value: T) {
  const load = () => {
    load.calls++;
    return load.calls <= failures ? Promise.reject(new TypeError(`Failed to fetch dynamically imported module (${load.calls})`)) : Promise.resolve(value);
  };
  load.calls = 0;
  return load;
}

describe('loadChunk', () => {
  it('tries again after a failure and gives what the later try loaded', async () => {
    const load = flaky(3, 'page');
    await expect(loadChunk(load, NO_WAIT)).resolves.toBe('page');
    expect(load.calls).toBe(4);
  });

  it('gives up after the last wait with an error in words that keeps the cause', async () => {
    const load = flaky(10, 'page');
    const err = await loadChunk(load, NO_WAIT).catch((e: unknown) => e);
    expect(load.calls).toBe(4);
    expect(err).toBeInstanceOf(ChunkLoadError);
    expect((err as Error).message).toBe(
      "Part of Berth's window could not be loaded (Failed to fetch dynamically imported module (4)). Try again; if it keeps failing, check that Berth is still running and reload the window.",
    );
    expect((err as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('chunkLoader', () => {
  it('loads once and keeps it', async () => {
    const load = flaky(0, { module: 1 });
    const get = chunkLoader(load, NO_WAIT);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(load.calls).toBe(1);
  });

  it('does not keep a failure: the next call loads afresh', async () => {
    const load = flaky(4, 'xterm'); // every try of the first call fails
    const get = chunkLoader(load, NO_WAIT);
    await expect(get()).rejects.toBeInstanceOf(ChunkLoadError);
    await expect(get()).resolves.toBe('xterm');
    expect(load.calls).toBe(5);
  });
});
