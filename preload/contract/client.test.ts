import { describe, expect, it, vi } from 'vitest';
import { contractShape, createClientFromShape, type ClientTransport } from './client';
import { contract, flattenContract, type BerthApi } from './index';

const at = (root: unknown, path: string) => path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root) as (...a: unknown[]) => unknown;

describe('createClientFromShape', () => {
  it('routes every method to call and every stream to subscribe, with its path and input', async () => {
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
    const api = createClientFromShape<BerthApi>(contractShape(contract), transport);
    const entries = flattenContract(contract);
    for (const { path, entry } of entries) {
      const input = { marker: path };
      if (entry.kind === 'method') await expect(at(api, path)(input)).resolves.toBe(`result of ${path}`);
      else expect(typeof at(api, path)(input, { next: () => undefined })).toBe('function');
    }
    expect(calls).toEqual(entries.map(({ path, entry }) => [entry.kind === 'method' ? 'call' : 'subscribe', path, { marker: path }]));
  });

  it('is frozen: nothing can be replaced or added', () => {
    const api = createClientFromShape<BerthApi>(contractShape(contract), { call: async () => null, subscribe: () => () => undefined });
    expect(Object.isFrozen(api) && Object.isFrozen(api.containers)).toBe(true);
    expect(Reflect.set(api.containers, 'list', () => 1)).toBe(false);
  });
});
