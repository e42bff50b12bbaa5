import type { ContainerHealth, ContainerSummary } from '../../../../preload/contract';
import { groupBy } from '../../data/group-by';
import { compareNatural } from '../../format/natural-compare';
import { objectKey } from '../../data/keyed';
import { STATE_FILTERS, STATE_ORDER, matchesHealthFilter, type HealthFilter, type StateFilter } from './container-states';

export type SortColumn = 'name' | 'image' | 'state' | 'status' | 'health' | 'created' | 'compose';
export interface SortOrder {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

export interface ContainerListView {
  filterText: string;
  stateFilter: StateFilter;
  /** Absent: any health. */
  healthFilter?: HealthFilter;
  sort: SortOrder;
  collapsedGroups: ReadonlySet<string>;
}

/** "All engines" with several: a header per engine, above its compose projects. */
export interface EngineRow {
  kind: 'engine';
  key: string;
  engineId: string;
  title: string;
  count: number;
  summary: string;
  collapsed: boolean;
}
export interface GroupRow {
  kind: 'group';
  key: string;
  engineId: string;
  /** The compose project, or null for the section of containers outside any project. */
  project: string | null;
  title: string;
  count: number;
  summary: string;
  collapsed: boolean;
}
export interface ContainerRow {
  kind: 'container';
  /** The container's object key, `<engineId>/<id>`. */
  key: string;
  container: ContainerSummary;
}
export type ContainerListRow = EngineRow | GroupRow | ContainerRow;

/** How to group by engine first: the engines in order, with their names. Null: one engine, no engine headers. */
export interface EngineGrouping {
  order: readonly string[];
  names: ReadonlyMap<string, string>;
}

export const STANDALONE_GROUP = 'standalone';

/** Case-insensitive match over name, image, id and compose project/service; every word must match. */
export function matchesText(c: ContainerSummary, filterText: string): boolean {
  return matchesWords(c, filterWords(filterText));
}

const filterWords = (filterText: string) => filterText.trim().toLowerCase().split(/\s+/).filter(Boolean);

/**
 * What the filter searches, lower-cased, once per summary: a summary is replaced (never changed) when its container
 * changes, so a keystroke in the filter over 5,000 containers builds no strings.
 */
const haystacks = new WeakMap<ContainerSummary, string>();
function haystackOf(c: ContainerSummary): string {
  let haystack = haystacks.get(c);
  if (haystack === undefined) {
    haystack = [c.name, c.image, c.id, c.compose?.project ?? '', c.compose?.service ?? ''].join('\n').toLowerCase();
    haystacks.set(c, haystack);
  }
  return haystack;
}
function matchesWords(c: ContainerSummary, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = haystackOf(c);
  return words.every((w) => haystack.includes(w));
}

/**
 * What the filter searches, per position of a sorted list (`sortedOnce`): the filter's loop reads a plain array, not
 * a WeakMap per container. Filled from index `from` a hundred at a time while `more()` allows; `done` is where it
 * stopped (the list's length when all are there).
 */
const sortedHaystacks = new WeakMap<readonly ContainerSummary[], { haystacks: string[] }>();
function haystacksFrom(sorted: readonly ContainerSummary[], from: number, more: () => boolean): { haystacks: string[]; done: number } {
  let entry = sortedHaystacks.get(sorted);
  if (!entry) {
    entry = { haystacks: [] };
    sortedHaystacks.set(sorted, entry);
  }
  const { haystacks } = entry;
  let i = Math.min(from, haystacks.length);
  while (i < sorted.length) {
    const end = Math.min(sorted.length, i + 100);
    for (; i < end; i++) haystacks[i] ??= haystackOf(sorted[i]!);
    if (!more()) break;
  }
  return { haystacks, done: i };
}

/**
 * Builds what the filter searches for `containers` in `sort` order, from index `from`, ahead of the first key: for
 * 5,000 containers the first key built 5,000 strings and took 15-30 ms. Stops when `more()` says so (asked every 100
 * containers), so it can run in idle time a slice at a time; returns where it stopped (the length when done).
 */
export function prepareFilter(containers: readonly ContainerSummary[], sort: SortOrder, from: number, more: () => boolean): number {
  return haystacksFrom(sortedOnce(containers, sort), from, more).done;
}

/** "3 running · 1 exited" from counts of each state, states in the order people act on them. */
const summaryOf = (states: ReadonlyMap<string, number>) =>
  STATE_ORDER.filter((s) => states.has(s))
    .map((s) => `${states.get(s)} ${s}`)
    .join(' · ');

/** "3 running · 1 exited", states in the order people act on them. */
export function summarizeStates(containers: readonly ContainerSummary[]): string {
  const counts = new Map<string, number>();
  for (const c of containers) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  return summaryOf(counts);
}

const HEALTH_RANK: Record<Exclude<ContainerHealth, null> | 'none', number> = {
  unhealthy: 0,
  starting: 1,
  healthy: 2,
  none: 3,
};

function compareBy(column: SortColumn, a: ContainerSummary, b: ContainerSummary): number {
  switch (column) {
    case 'name':
      return compareNatural(a.name, b.name);
    case 'image':
      return compareNatural(a.image, b.image);
    case 'state':
      return STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state);
    case 'status':
      return compareNatural(a.status, b.status);
    case 'health':
      return HEALTH_RANK[a.health ?? 'none'] - HEALTH_RANK[b.health ?? 'none'];
    case 'created':
      return a.created - b.created;
    case 'compose':
      return (
        compareNatural(a.compose?.project ?? '', b.compose?.project ?? '') ||
        compareNatural(a.compose?.service ?? '', b.compose?.service ?? '') ||
        (a.compose?.number ?? 0) - (b.compose?.number ?? 0)
      );
  }
}

/** The list's order as one comparison: the column, then name, then id, so the order is total and stable. */
function comparatorOf(sort: SortOrder): (a: ContainerSummary, b: ContainerSummary) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => sign * compareBy(sort.column, a, b) || compareNatural(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortContainers(containers: readonly ContainerSummary[], sort: SortOrder): ContainerSummary[] {
  return [...containers].sort(comparatorOf(sort));
}

/**
 * `list` in `sort` order, worked out from `before` (an earlier list already in that order) when few summaries differ:
 * the ones both lists share (the store keeps unchanged summaries by reference, and never changes one) keep their
 * order, the others are put in place by binary search. A delta of a few containers then costs two passes over the
 * list and a few dozen comparisons, not a sort of all of them (5,000 containers: most of a page's time while the
 * engine's events kept coming). Null when so many differ that a full sort is the cheaper way.
 */
export function resortFrom(before: readonly ContainerSummary[], list: readonly ContainerSummary[], sort: SortOrder): ContainerSummary[] | null {
  const fresh = new Set(list);
  const sorted: ContainerSummary[] = [];
  for (const c of before) if (fresh.delete(c)) sorted.push(c);
  if (fresh.size > Math.max(64, list.length >> 4)) return null;
  const cmp = comparatorOf(sort);
  for (const c of fresh) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(sorted[mid]!, c) <= 0) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, c);
  }
  return sorted;
}

/**
 * The list in `sort` order, sorted once per list and order: a keystroke in the filter only filters (sorting 5,000
 * with a collator took most of a keystroke's time). The list is replaced, never changed, when a container changes;
 * the new one is sorted from the last one sorted (resortFrom).
 */
const sortedLists = new WeakMap<readonly ContainerSummary[], { sort: SortOrder; sorted: readonly ContainerSummary[] }>();
let lastSorted: { sort: SortOrder; sorted: readonly ContainerSummary[] } | null = null;
const sameSort = (a: SortOrder, b: SortOrder) => a.column === b.column && a.direction === b.direction;
function sortedOnce(containers: Iterable<ContainerSummary>, sort: SortOrder): readonly ContainerSummary[] {
  if (!Array.isArray(containers)) return sortContainers([...containers], sort);
  const list = containers as readonly ContainerSummary[];
  const hit = sortedLists.get(list);
  if (hit && sameSort(hit.sort, sort)) return hit.sorted;
  const sorted = (lastSorted && sameSort(lastSorted.sort, sort) && resortFrom(lastSorted.sorted, list, sort)) || sortContainers(list, sort);
  sortedLists.set(list, { sort, sorted });
  lastSorted = { sort, sorted };
  return sorted;
}

/**
 * The flat list the virtual table renders: one header row per compose project (alphabetical), then a header for
 * containers outside any project, each followed by its containers unless collapsed. Empty groups are left out.
 * With `engines`, each engine first gets a header of its own (in the engines' order) above its projects.
 */
export function buildContainerRows(
  containers: Iterable<ContainerSummary>,
  view: ContainerListView,
  engines: EngineGrouping | null = null,
): ContainerListRow[] {
  // Filtering keeps the sorted order, so each group's members come out sorted.
  const sorted = sortedOnce(containers, view.sort);
  const { shown } = filterSorted(sorted, filterWords(view.filterText), view.stateFilter, view.healthFilter);
  const last = lastBuilt;
  if (last && last.collapsedGroups === view.collapsedGroups && last.engines === engines && sameItems(last.shown, shown)) return last.rows;
  const rows = groupedRows(shown, view, engines);
  lastBuilt = { shown, collapsedGroups: view.collapsedGroups, engines, rows };
  return rows;
}

/**
 * The containers of `sorted` that match, in its order, with their positions in it (null: all of them). A key that
 * narrows the text (every word so far is in the same word now: "we" → "web") can only drop containers, so it searches
 * the ones the last key left, not all 5,000. A filter every container passes gives back the list it searched (the
 * same array), so the rows need not be compared one by one to see nothing changed.
 */
function filterSorted(
  sorted: readonly ContainerSummary[],
  words: readonly string[],
  stateFilter: StateFilter,
  healthFilter: HealthFilter | undefined,
): { shown: readonly ContainerSummary[]; positions: readonly number[] | null } {
  const was = lastFiltered;
  const within = was && was.sorted === sorted && was.stateFilter === stateFilter && was.healthFilter === healthFilter && narrows(was.words, words) ? was : null;
  const states: readonly string[] | null = STATE_FILTERS[stateFilter].states;
  const health = healthFilter && healthFilter !== 'any' ? healthFilter : null;
  let result: { shown: readonly ContainerSummary[]; positions: readonly number[] | null };
  if (words.length === 0 && states === null && health === null) {
    result = { shown: sorted, positions: null };
  } else {
    // One loop over plain arrays, no call per container: the first keys run this before the engine has compiled it,
    // and 5,000 containers through a few small functions each took 8-10 ms of such a key.
    const haystacks = words.length > 0 ? haystacksFrom(sorted, 0, () => true).haystacks : null;
    const from = within?.positions ?? null;
    const n = within ? (from ? from.length : sorted.length) : sorted.length;
    const shown: ContainerSummary[] = [];
    const positions: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = from ? from[k]! : k;
      if (haystacks) {
        const haystack = haystacks[i]!;
        let w = 0;
        while (w < words.length && haystack.includes(words[w]!)) w++;
        if (w < words.length) continue;
      }
      const c = sorted[i]!;
      if (states !== null && !states.includes(c.state)) continue;
      if (health !== null && !matchesHealthFilter(c.health, health)) continue;
      shown.push(c);
      positions.push(i);
    }
    result = shown.length === n ? (within ? { shown: within.shown, positions: within.positions } : { shown: sorted, positions: null }) : { shown, positions };
  }
  lastFiltered = { sorted, words, stateFilter, healthFilter, ...result };
  return result;
}

/**
 * The last rows built, and what they were built from. A filter key that leaves the same containers in the same
 * order (typing into a filter all 5,000 still match) gets the same rows back, so the list does not render again:
 * with 5,000 containers that render was most of such a key's 5-7 ms.
 */
let lastBuilt: { shown: readonly ContainerSummary[]; collapsedGroups: ReadonlySet<string>; engines: EngineGrouping | null; rows: ContainerListRow[] } | null = null;

/** What the last filtering searched (the sorted list), for what, and what it found. */
let lastFiltered: {
  sorted: readonly ContainerSummary[];
  words: readonly string[];
  stateFilter: StateFilter;
  healthFilter: HealthFilter | undefined;
  shown: readonly ContainerSummary[];
  /** Where each of `shown` is in `sorted`; null: `shown` is all of it. */
  positions: readonly number[] | null;
} | null = null;

/** Whether whatever `after` matches, `before` matches too: each of its words is within the same word of `after`. */
export function narrows(before: readonly string[], after: readonly string[]): boolean {
  if (before.length > after.length) return false;
  for (let i = 0; i < before.length; i++) if (!after[i]!.includes(before[i]!)) return false;
  return true;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The rows of containers already filtered and in sort order: by engine (with `engines`), then by project. */
function groupedRows(shown: readonly ContainerSummary[], view: ContainerListView, engines: EngineGrouping | null): ContainerListRow[] {
  if (!engines) return projectRows(shown, view, '');
  const perEngine = groupBy(shown, (c) => c.engineId);
  const order = [...engines.order, ...[...perEngine.keys()].filter((id) => !engines.order.includes(id))];
  const rows: ContainerListRow[] = [];
  for (const engineId of order) {
    const members = perEngine.get(engineId);
    if (!members) continue;
    const key = `engine:${engineId}`;
    const collapsed = view.collapsedGroups.has(key);
    rows.push({ kind: 'engine', key, engineId, title: engines.names.get(engineId) ?? engineId, count: members.length, summary: summarizeStates(members), collapsed });
    if (!collapsed) rows.push(...projectRows(members, view, `${key}/`));
  }
  return rows;
}

/**
 * The row of one container, made once per summary: the store replaces a summary when its container changes and
 * keeps it otherwise, so a delta to a list of 5,000 makes a few rows, not 5,000 rows and their keys.
 */
const containerRows = new WeakMap<ContainerSummary, ContainerRow>();
function containerRow(container: ContainerSummary): ContainerRow {
  let row = containerRows.get(container);
  if (!row) {
    row = { kind: 'container', key: objectKey(container.engineId, container.id), container };
    containerRows.set(container, row);
  }
  return row;
}

/** A group's members, with its count of each state, taken in the same pass. */
interface Group {
  members: ContainerSummary[];
  states: Map<string, number>;
}

/** Project names in order, the containers outside any project ('') last. */
const compareProjects = (a: string, b: string) => (a === '' ? (b === '' ? 0 : 1) : b === '' ? -1 : compareNatural(a, b));

/**
 * Each project name's place among the names seen: a filter key keeps some of the same projects, which are then put
 * in order by number (200 projects through the collator each key was 1.6 ms of a 21 ms key, list-5000). Made again
 * when a name is new; kept to a few times the names in use, so names of projects long gone do not pile up.
 */
let projectRank = new Map<string, number>();
function sortProjects(names: string[]): string[] {
  if (names.some((n) => !projectRank.has(n))) {
    const known = projectRank.size + names.length > Math.max(1_000, 4 * names.length) ? [] : [...projectRank.keys()];
    const all = [...new Set([...known, ...names])].sort(compareProjects);
    projectRank = new Map(all.map((n, i) => [n, i]));
  }
  return names.sort((a, b) => projectRank.get(a)! - projectRank.get(b)!);
}

/** `containers` in sort order (see sortedOnce). */
function projectRows(containers: readonly ContainerSummary[], view: ContainerListView, keyPrefix: string): ContainerListRow[] {
  // By project name ('' for none: no compose project has an empty name), one pass for members and state counts.
  const groups = new Map<string, Group>();
  for (const c of containers) {
    const project = c.compose?.project ?? '';
    let group = groups.get(project);
    if (!group) {
      group = { members: [], states: new Map() };
      groups.set(project, group);
    }
    group.members.push(c);
    group.states.set(c.state, (group.states.get(c.state) ?? 0) + 1);
  }
  const projects = sortProjects([...groups.keys()]);
  const rows: ContainerListRow[] = [];
  for (const name of projects) {
    const { members, states } = groups.get(name)!;
    const project = name === '' ? null : name;
    const key = keyPrefix + (project === null ? STANDALONE_GROUP : `project:${project}`);
    const collapsed = view.collapsedGroups.has(key);
    rows.push({
      kind: 'group',
      key,
      engineId: members[0]!.engineId,
      project,
      title: project ?? 'Not in a compose project',
      count: members.length,
      summary: summaryOf(states),
      collapsed,
    });
    if (collapsed) continue;
    for (const container of members) rows.push(containerRow(container));
  }
  return rows;
}
