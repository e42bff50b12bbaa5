import { describe, expect, it, vi } from 'vitest';
import { createClient, createPathClient, type ClientTransport } from './client';
import { contract, flattenContract, type BerthApi } from './index';

const at = (root: unknown, path: string) => path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root) as (...a: unknown[]) => unknown;

function recording() {
  const calls: [string, string, unknown][] = [];
  const transport: ClientTransport = {
    call: vi.fn(async (path: string, input: unknown) => {
      calls.push(['call', path, input]);
      return `result of ${path}`;
    }),
    subscribe: vi.fn((path: string, input: unknown) => {
      calls.push(['subscribe', path, input]);
      return () => undefined;
    }),
  };
  return { calls, transport };
}

describe('createPathClient', () => {
  it('routes every contract entry exactly as the contract-built client does', async () => {
    const built = recording();
    const bare = recording();
    const fromContract = createClient(contract, built.transport);
    const fromPaths = createPathClient<BerthApi>(bare.transport);
    const handlers = { next: () => undefined };
    for (const { path, entry } of flattenContract(contract)) {
      const input = { marker: path };
      if (entry.kind === 'method') {
        await expect(at(fromPaths, path)(input)).resolves.toBe(`result of ${path}`);
        await at(fromContract, path)(input);
      } else {
        expect(typeof at(fromPaths, path)(input, handlers)).toBe('function');
        at(fromContract, path)(input, handlers);
      }
    }
    expect(bare.calls.length).toBe(flattenContract(contract).length);
    expect(bare.calls).toEqual(built.calls);
  });

  it('is not a thenable, cannot be written to, and refuses to call a group', async () => {
    const { transport } = recording();
    const api = createPathClient<BerthApi>(transport);
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(api)).resolves.toBe(api);
    expect(Reflect.set(api.containers, 'list', () => 1)).toBe(false);
    expect(() => (api.containers as unknown as () => void)()).toThrow(/group of the contract/);
    expect(api.containers.list).toBe(api.containers.list);
    expect(transport.call).not.toHaveBeenCalled();
  });
});
