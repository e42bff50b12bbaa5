import { useRef } from 'react';

type ItemKey = (index: number) => string | number;

/** The rows a `getItemKey` was made for, with it. */
export interface KeyedRows<T extends { key: string }> {
  rows: readonly T[];
  getItemKey: ItemKey;
}

/**
 * A virtualizer's `getItemKey` for `rows` that keeps its identity while the rows' keys stay the same, in the same
 * order. @tanstack/react-virtual measures every row again (a key and a size per row) whenever `getItemKey` is a new
 * function; written inline, that is every render. With 5,000 containers a delta that only changes states (an event
 * storm's start events) re-measured all of them, every batch. Comparing the keys is one pass over strings the rows
 * already hold.
 */
export function useStableItemKey<T extends { key: string }>(rows: readonly T[]): ItemKey {
  const last = useRef<KeyedRows<T> | null>(null);
  const next = keyedRows(last.current, rows);
  last.current = next;
  return next.getItemKey;
}

/** `prev` again when `rows` has its keys in its order, else a `getItemKey` of `rows`. */
export function keyedRows<T extends { key: string }>(prev: KeyedRows<T> | null, rows: readonly T[]): KeyedRows<T> {
  if (prev && (prev.rows === rows || sameKeys(prev.rows, rows))) return prev;
  return { rows, getItemKey: (index) => rows[index]?.key ?? index };
}

function sameKeys(a: readonly { key: string }[], b: readonly { key: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.key !== b[i]!.key) return false;
  return true;
}
