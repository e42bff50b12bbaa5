/**
 * Items in groups by key, each group in the items' order, the groups in the order their first item came (what
 * `Map.groupBy` does; Node 20, which runs the unit tests, lacks it). `keyOf` answering null leaves the item out.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
