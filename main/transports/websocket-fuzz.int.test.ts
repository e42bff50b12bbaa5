import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, flattenContract } from '../../preload/contract';
import { requireEngine } from '../test-support/engine';
import { malformedInputs, RawRpc } from '../test-support/malformed-input';
import { startWebTarget, type WebTarget } from '../test-support/web-target-process';

/**
 * Every contract entry, fed malformed inputs over the real WebSocket transport of a real backend running in a
 * process of its own: each must be refused with INVALID_INPUT, the socket must stay open, and the process's memory
 * must come back to where it was.
 */

const MB = 1024 * 1024;
const entries = flattenContract(contract);
let target: WebTarget;
let rpc: RawRpc;

beforeAll(async () => {
  await requireEngine();
  target = await startWebTarget('backend');
  rpc = await RawRpc.connect(target.port, target.token);
}, 60_000);

afterAll(async () => {
  rpc?.close();
  await target?.stop();
});

async function pass(): Promise<number> {
  let sent = 0;
  for (const { path, entry } of entries) {
    for (const input of malformedInputs(entry)) {
      const error = await rpc.send(entry.kind, path, input);
      expect({ path, input: input.name, code: error?.code }).toEqual({ path, input: input.name, code: 'INVALID_INPUT' });
      expect(rpc.open, `${path} with ${input.name} closed the socket`).toBe(true);
      sent++;
    }
  }
  return sent;
}

describe('fuzz: malformed inputs to every contract entry over the WebSocket', () => {
  it('each entry gets a fair share of malformed inputs (guards the loop below)', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const { path, entry } of entries) {
      const names = malformedInputs(entry).map((m) => m.name);
      expect(names.length, path).toBeGreaterThanOrEqual(10);
      for (const must of ['a string', 'NaN', 'an extra field', 'a huge string', '200,000 levels of arrays', 'an own __proto__ key']) {
        expect(names, path).toContain(must);
      }
    }
  });

  it('every one is INVALID_INPUT, the socket stays open, and RSS comes back within 20 MB', async () => {
    // One pass to warm up (JIT, schema caches), then the baseline, then three more passes. Garbage is collected
    // before each reading, so what is compared is what the server keeps, not when V8 chose to collect.
    const warm = await pass();
    const before = (await target.memoryAfterGc()).rss / MB;
    let total = warm;
    for (let i = 0; i < 3; i++) total += await pass();
    const after = (await target.memoryAfterGc()).rss / MB;
    console.log(`fuzz: ${total} malformed messages to ${entries.length} entries; RSS ${before.toFixed(1)} → ${after.toFixed(1)} MB`);
    expect(after - before).toBeLessThanOrEqual(20);
    expect(target.alive()).toBe(true);
    expect(Array.isArray(await rpc.call('containers.list', {}))).toBe(true);
  }, 600_000);
});
