import type { EngineEvent } from '../../../../preload/contract';

/** An event as the page holds it: a sequence number for a stable row key. */
export interface HeldEvent extends EngineEvent {
  seq: number;
}

export interface EventFilter {
  /** Types to show; empty = all. */
  types: ReadonlySet<string>;
  text: string;
}

/** The name a person knows the actor by: its name attribute (containers, volumes, networks), else a short id. */
export function actorName(e: EngineEvent): string {
  const a = e.actor.attributes;
  const name = a.name ?? a.container ?? '';
  if (name) return name;
  const id = e.actor.id;
  return /^(sha256:)?[0-9a-f]{64}$/.test(id) ? id.replace(/^sha256:/, '').slice(0, 12) : id;
}

/** Case-insensitive text match over type, action, actor id and name, and every attribute key and value. */
export function matchesText(e: EngineEvent, needle: string): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  if (e.type.toLowerCase().includes(n) || e.action.toLowerCase().includes(n) || e.actor.id.toLowerCase().includes(n)) return true;
  for (const [k, v] of Object.entries(e.actor.attributes)) {
    if (k.toLowerCase().includes(n) || v.toLowerCase().includes(n)) return true;
  }
  return false;
}

/** Newest first, as the page lists them. */
export function filterEvents<T extends EngineEvent>(events: readonly T[], filter: EventFilter): T[] {
  const text = filter.text.trim();
  const out: T[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (filter.types.size > 0 && !filter.types.has(e.type)) continue;
    if (!matchesText(e, text)) continue;
    out.push(e);
  }
  return out;
}

/** Appends, keeping only the newest `max`. Returns a new array (stores replace, never mutate). */
export function appendBounded<T>(held: readonly T[], incoming: readonly T[], max: number): T[] {
  if (incoming.length >= max) return incoming.slice(incoming.length - max);
  const keep = Math.max(0, held.length + incoming.length - max);
  return held.slice(keep).concat(incoming);
}

/** "action" is often "exec_start: sh -c …" — the verb before the colon is what filters and badges use. */
export function actionVerb(action: string): string {
  const i = action.indexOf(':');
  return i === -1 ? action : action.slice(0, i);
}

/** Attributes other than the name, as "key=value" pairs, shortest first so the line shows the most. */
export function attributeSummary(e: EngineEvent): string {
  return Object.entries(e.actor.attributes)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => `${k}=${v}`)
    .sort((a, b) => a.length - b.length)
    .join('  ');
}
