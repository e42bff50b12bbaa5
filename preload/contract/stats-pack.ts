import type { WirePacking } from './packed';
import type { StatsSample, StatsUpdate } from './stats';

/**
 * `stats.watch` rounds, packed (packed.ts): a container is named by its place in the stream's own ids
 * (`containerIds`, then `backgroundIds`) instead of its 64-character id, a reading is an array instead of a map of
 * named fields, and its time counts from the round's first. About 35 bytes a reading instead of 168.
 *
 * `[base, rows]`; a row is `[ref, time - base, kind]` for a stopped container (kind 1, or 2 when gone), else
 * `[ref, time - base, cpuPercent, onlineCpus, usage, limit, percent]` and, when the reading has them, the counters
 * `rxBytes, txBytes, read, write, pids` after it. `ref` is the index, or the id itself when it is not in the input.
 */
type Row = unknown[];

function idTable(input: unknown): string[] {
  const i = (input ?? {}) as { containerIds?: unknown; backgroundIds?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [...list(i.containerIds), ...list(i.backgroundIds)];
}

function pack(updates: StatsUpdate[], input: unknown): unknown {
  const index = new Map<string, number>();
  idTable(input).forEach((id, n) => {
    if (!index.has(id)) index.set(id, n);
  });
  // Times as offsets only when every one is a whole number (exact either way); else from 0.
  const base = updates.length > 0 && updates.every((u) => Number.isSafeInteger(u.time)) ? updates[0]!.time : 0;
  const rows = updates.map((u): Row => {
    const head = [index.get(u.containerId) ?? u.containerId, u.time - base];
    if (u.stopped) return [...head, u.gone ? 2 : 1];
    const row: Row = [...head, u.cpuPercent, u.onlineCpus, u.memory.usage, u.memory.limit, u.memory.percent];
    if (u.net || u.blockIo || u.pids !== undefined) {
      row.push(u.net?.rxBytes ?? null, u.net?.txBytes ?? null, u.blockIo?.read ?? null, u.blockIo?.write ?? null, u.pids ?? null);
    }
    return row;
  });
  return [base, rows];
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isCount = (v: unknown): v is number | null => v === null || typeof v === 'number';

function unpack(packed: unknown, input: unknown): StatsUpdate[] {
  const table = idTable(input);
  if (!Array.isArray(packed) || packed.length !== 2 || !isNumber(packed[0]) || !Array.isArray(packed[1])) throw new Error('not packed stats');
  const base = packed[0];
  return (packed[1] as unknown[]).map((raw): StatsUpdate => {
    if (!Array.isArray(raw) || raw.length < 3 || !isNumber(raw[1])) throw new Error('not a packed stats row');
    const ref = raw[0];
    const containerId = typeof ref === 'number' ? table[ref] : ref;
    if (typeof containerId !== 'string') throw new Error('a packed stats row names no container');
    const time = base + raw[1];
    if (raw.length === 3) return raw[2] === 2 ? { containerId, time, stopped: true, gone: true } : { containerId, time, stopped: true };
    const [, , cpuPercent, onlineCpus, usage, limit, percent, rx, tx, read, write, pids] = raw;
    if (!(cpuPercent === null || isNumber(cpuPercent)) || !isNumber(onlineCpus) || !isNumber(usage) || !isNumber(limit) || !isNumber(percent)) {
      throw new Error('a packed stats row is not a reading');
    }
    const sample: StatsSample = { containerId, time, cpuPercent, onlineCpus, memory: { usage, limit, percent } };
    if (raw.length === 12) {
      if (![rx, tx, read, write, pids].every(isCount)) throw new Error('a packed stats row has bad counters');
      if (isNumber(rx) && isNumber(tx)) sample.net = { rxBytes: rx, txBytes: tx };
      if (isNumber(read) && isNumber(write)) sample.blockIo = { read, write };
      if (isNumber(pids)) sample.pids = pids;
    } else if (raw.length !== 7) throw new Error('a packed stats row has an unknown length');
    return sample;
  });
}

export const statsPacking: WirePacking<StatsUpdate[]> = { name: 'stats', pack, unpack };
