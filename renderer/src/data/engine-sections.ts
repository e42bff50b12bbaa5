import { groupBy } from './group-by';

/** A header row above one engine's rows, in a list showing several engines. */
export interface EngineHeader {
  kind: 'engine';
  key: string;
  engineId: string;
  title: string;
  count: number;
}

export const isEngineHeader = (row: unknown): row is EngineHeader =>
  typeof row === 'object' && row !== null && (row as { kind?: unknown }).kind === 'engine';

/**
 * Groups rows by engine first, in the engines' order (engines Berth no longer lists go last), each engine's rows
 * under a header, empty engines left out. `rowsOf` builds one engine's rows (filtered and sorted as the page wants).
 */
export function groupByEngine<T, R>(
  items: readonly T[],
  engineOf: (item: T) => string,
  order: readonly string[],
  names: ReadonlyMap<string, string>,
  rowsOf: (items: T[], engineId: string) => R[],
): (R | EngineHeader)[] {
  const perEngine = groupBy(items, engineOf);
  const out: (R | EngineHeader)[] = [];
  for (const engineId of [...order, ...[...perEngine.keys()].filter((id) => !order.includes(id))]) {
    const members = perEngine.get(engineId);
    if (!members) continue;
    const rows = rowsOf(members, engineId);
    if (rows.length === 0) continue;
    out.push({
      kind: 'engine',
      key: `engine:${engineId}`,
      engineId,
      title: names.get(engineId) ?? engineId,
      count: rows.length,
    });
    out.push(...rows);
  }
  return out;
}
