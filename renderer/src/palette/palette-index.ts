import fuzzysort from 'fuzzysort';
import type { ContainerSummary, EngineStatus, ImageSummary, NetworkSummary, VolumeSummary } from '../../../preload/contract';
import type { ByEngine } from '../data/keyed';
import type { StackRow } from '../pages/stacks/stack-rows';
import { countOf } from '../format/count';

/**
 * What the command palette searches: every object the data layer holds, on every engine, plus Berth's commands.
 * Pure: the entries are built from the stores' maps (by reference, so an unchanged object keeps its prepared search
 * target) and searched with fuzzysort (Sublime-style subsequence matching over prepared targets).
 */
export type PaletteObject =
  | { kind: 'container'; container: ContainerSummary }
  | { kind: 'image'; image: ImageSummary }
  | { kind: 'volume'; volume: VolumeSummary }
  | { kind: 'network'; network: NetworkSummary }
  | { kind: 'stack'; engineId: string; stack: StackRow }
  | { kind: 'engine'; status: EngineStatus; name: string };

export type PaletteKind = PaletteObject['kind'] | 'command';

export interface PaletteEntry {
  /** Unique among all entries: `<kind>:<engine>/<id>` for objects, `command:<id>` for commands. */
  key: string;
  kind: PaletteKind;
  title: string;
  /** A second line of context: image, compose project, driver, path, state. */
  detail: string;
  /** The object's engine, null for commands. */
  engineId: string | null;
  object: PaletteObject | null;
  /** For a command: its id (see palette-commands.ts). */
  commandId: string | null;
  /** The text searched (title and what else a person may type), prepared once. */
  target: Prepared;
  /** The same text in lower case, for the quick first pass. */
  text: string;
}

type Prepared = ReturnType<typeof fuzzysort.prepare>;

const prepared = new WeakMap<object, PaletteEntry>();

/** One entry per object, cached by the object's identity: the stores keep unchanged objects by reference. */
function entryOf(obj: object, make: () => Omit<PaletteEntry, 'target' | 'text'> & { search: string }): PaletteEntry {
  const hit = prepared.get(obj);
  if (hit) return hit;
  const { search, ...rest } = make();
  const entry: PaletteEntry = { ...rest, target: fuzzysort.prepare(search), text: search.toLowerCase() };
  prepared.set(obj, entry);
  return entry;
}

export const shortImageId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export function containerEntry(c: ContainerSummary): PaletteEntry {
  return entryOf(c, () => {
    const compose = c.compose ? `${c.compose.project} ${c.compose.service}` : '';
    return {
      key: `container:${c.engineId}/${c.id}`,
      kind: 'container',
      title: c.name,
      detail: [c.state, c.image, c.compose ? `${c.compose.project} › ${c.compose.service}` : ''].filter(Boolean).join(' · '),
      engineId: c.engineId,
      object: { kind: 'container', container: c },
      commandId: null,
      search: `${c.name} ${c.image} ${compose}`,
    };
  });
}

export function imageEntry(i: ImageSummary): PaletteEntry {
  return entryOf(i, () => {
    const id = shortImageId(i.id);
    const name = i.repoTags[0] ?? `<none> ${id}`;
    return {
      key: `image:${i.engineId}/${i.id}`,
      kind: 'image',
      title: name,
      detail: [id, i.repoTags.length > 1 ? `+${i.repoTags.length - 1} tags` : '', i.dangling ? 'dangling' : ''].filter(Boolean).join(' · '),
      engineId: i.engineId,
      object: { kind: 'image', image: i },
      commandId: null,
      search: `${name} ${i.repoTags.slice(1).join(' ')} ${i.repoTags.length ? id : ''}`,
    };
  });
}

export function volumeEntry(v: VolumeSummary): PaletteEntry {
  return entryOf(v, () => ({
    key: `volume:${v.engineId}/${v.name}`,
    kind: 'volume',
    title: v.anonymous ? `${v.name.slice(0, 12)}…` : v.name,
    detail: [v.driver, v.composeProject ?? '', v.usedBy.length ? `used by ${v.usedBy.map((u) => u.name).join(', ')}` : 'unused'].filter(Boolean).join(' · '),
    engineId: v.engineId,
    object: { kind: 'volume', volume: v },
    commandId: null,
    search: `${v.name} ${v.composeProject ?? ''}`,
  }));
}

export function networkEntry(n: NetworkSummary): PaletteEntry {
  return entryOf(n, () => ({
    key: `network:${n.engineId}/${n.id}`,
    kind: 'network',
    title: n.name,
    detail: [n.driver, n.composeProject ?? '', n.subnets.map((s) => s.subnet).join(', ')].filter(Boolean).join(' · '),
    engineId: n.engineId,
    object: { kind: 'network', network: n },
    commandId: null,
    search: `${n.name} ${n.composeProject ?? ''}`,
  }));
}

export function stackEntry(engineId: string, s: StackRow): PaletteEntry {
  return entryOf(s, () => ({
    key: `stack:${engineId}/${s.key}`,
    kind: 'stack',
    title: s.name,
    detail: [s.status.replace('-', ' '), s.path ?? '', s.services.length ? countOf(s.services.length, 'service') : ''].filter(Boolean).join(' · '),
    engineId,
    object: { kind: 'stack', engineId, stack: s },
    commandId: null,
    search: `${s.name} ${s.path ?? ''}`,
  }));
}

export function engineEntry(status: EngineStatus, name: string): PaletteEntry {
  return entryOf(status, () => ({
    key: `engine:${status.engineId}`,
    kind: 'engine',
    title: name,
    detail: `engine · ${status.state}`,
    engineId: status.engineId,
    object: { kind: 'engine', status, name },
    commandId: null,
    search: `${name} ${status.engineId} engine`,
  }));
}

export interface PaletteCommandInfo {
  id: string;
  label: string;
  /** Other words a person may type for it ("delete", "clean"). */
  keywords?: string;
}

const commandEntries = new Map<string, PaletteEntry>();

export function commandEntry(c: PaletteCommandInfo): PaletteEntry {
  const cached = commandEntries.get(c.id);
  if (cached && cached.title === c.label) return cached;
  const entry: PaletteEntry = {
    key: `command:${c.id}`,
    kind: 'command',
    title: c.label,
    detail: '',
    engineId: null,
    object: null,
    commandId: c.id,
    target: fuzzysort.prepare(`${c.label} ${c.keywords ?? ''}`),
    text: `${c.label} ${c.keywords ?? ''}`.toLowerCase(),
  };
  commandEntries.set(c.id, entry);
  return entry;
}

export interface PaletteSources {
  containers: ByEngine<ContainerSummary>;
  images: ByEngine<ImageSummary>;
  volumes: ByEngine<VolumeSummary>;
  networks: ByEngine<NetworkSummary>;
  /** Each engine's stacks (compose projects and remembered files). */
  stacks: readonly { engineId: string; rows: readonly StackRow[] }[];
  engines: readonly { status: EngineStatus; name: string }[];
  commands: readonly PaletteCommandInfo[];
}

/** Every entry, commands first, then objects engine by engine. */
export function buildEntries(src: PaletteSources): PaletteEntry[] {
  const out: PaletteEntry[] = src.commands.map(commandEntry);
  for (const e of src.engines) out.push(engineEntry(e.status, e.name));
  for (const [, slice] of src.containers) for (const c of slice.items.values()) out.push(containerEntry(c));
  for (const s of src.stacks) for (const row of s.rows) out.push(stackEntry(s.engineId, row));
  for (const [, slice] of src.images) for (const i of slice.items.values()) out.push(imageEntry(i));
  for (const [, slice] of src.volumes) for (const v of slice.items.values()) out.push(volumeEntry(v));
  for (const [, slice] of src.networks) for (const n of slice.items.values()) out.push(networkEntry(n));
  return out;
}

export interface PaletteHit {
  entry: PaletteEntry;
  /** Indexes of the matched characters in `entry.target.target` that fall in the title (for highlighting). */
  titleIndexes: readonly number[];
}

/** How much a recently used entry is lifted: enough to win among close matches, not over a clearly better one. */
const RECENT_BONUS = 0.15;
/** A match in the name beats one in the image or project (fuzzysort scores the whole searched text). */
const TITLE_BONUS = 0.2;
const TITLE_START_BONUS = 0.1;
/** Breaks ties between one object seen on several engines (contexts of one daemon): the page's engine first. */
const ENGINE_BONUS = 0.001;
/**
 * How many entries fuzzysort ranks at most. A broad query ("p" among 4,500 volumes named pal…) matches nearly every
 * entry, and scoring each costs more than a frame (palette-5000); a quick pass picks the likeliest first.
 */
const CANDIDATES = 300;

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);

/** Where `word` sits in `text`: 0 at a word start, 1 inside a word, 2 only as scattered letters, -1 not at all. */
function wordRank(text: string, word: string): number {
  const at = text.indexOf(word);
  if (at >= 0) return at === 0 || !isWordChar(text.charCodeAt(at - 1)) ? 0 : 1;
  let from = 0;
  for (let i = 0; i < word.length; i++) {
    from = text.indexOf(word[i]!, from) + 1;
    if (from === 0) return -1;
  }
  return 2;
}

/** Quick-pass keys: 0 for recent entries, then by how the words are held and by title length (shorter first). */
const KEY_COUNT = 4096;

/**
 * The entries the last query matched, by index: typing on narrows a search (every entry holding "ben" holds "be"),
 * so the next keystroke scans those only instead of every entry.
 */
let lastMatch: { entries: readonly PaletteEntry[]; words: readonly string[]; indexes: Int32Array; count: number } | null = null;

/** Each word of `words` extends the word at its place in `before` (the query was typed on, not edited). */
const narrows = (before: readonly string[], words: readonly string[]) => before.length === words.length && words.every((w, i) => w.startsWith(before[i]!));

/**
 * The quick pass: every entry holding each typed word (as it is, or as letters in order), counted; the likeliest few
 * kept, by how they hold the words and then by length (a short name that matches is likelier the one meant). No sort
 * and no object per match: a count per key finds where the best few end (palette-5000: the sort cost a frame).
 */
function candidates(entries: readonly PaletteEntry[], words: readonly string[], isRecent: (e: PaletteEntry) => boolean): { total: number; best: PaletteEntry[] } {
  const prior = lastMatch !== null && lastMatch.entries === entries && narrows(lastMatch.words, words) ? lastMatch : null;
  const scan = prior ? prior.count : entries.length;
  const indexes = new Int32Array(scan);
  const keys = new Int32Array(scan);
  const perKey = new Int32Array(KEY_COUNT);
  let total = 0;
  for (let n = 0; n < scan; n++) {
    const i = prior ? prior.indexes[n]! : n;
    const entry = entries[i]!;
    let rank = 0;
    for (const w of words) {
      const r = wordRank(entry.text, w);
      if (r < 0) {
        rank = -1;
        break;
      }
      rank += r;
    }
    if (rank < 0) continue;
    const key = isRecent(entry) ? 0 : Math.min(KEY_COUNT - 1, 1 + rank * 128 + Math.min(entry.title.length, 127));
    indexes[total] = i;
    keys[total] = key;
    perKey[key]!++;
    total++;
  }
  lastMatch = { entries, words, indexes, count: total };
  if (total <= CANDIDATES) return { total, best: Array.from(indexes.subarray(0, total), (i) => entries[i]!) };
  // Every entry below `last` is kept; of those at `last`, as many as still fit (in the entries' order).
  let last = 0;
  for (let sum = 0; last < KEY_COUNT; last++) {
    sum += perKey[last]!;
    if (sum >= CANDIDATES) break;
  }
  const best: PaletteEntry[] = [];
  for (let n = 0; n < total; n++) if (keys[n]! < last) best.push(entries[indexes[n]!]!);
  for (let n = 0; n < total && best.length < CANDIDATES; n++) if (keys[n] === last) best.push(entries[indexes[n]!]!);
  return { total, best };
}

const keyIndexes = new WeakMap<readonly PaletteEntry[], Map<string, PaletteEntry>>();

/** The entries by key, made once per entries array (the palette clears its query often; 5,000 entries each time). */
function keyIndex(entries: readonly PaletteEntry[]): Map<string, PaletteEntry> {
  let index = keyIndexes.get(entries);
  if (!index) keyIndexes.set(entries, (index = new Map(entries.map((e) => [e.key, e]))));
  return index;
}

/**
 * The entries for a query, best first, at most `limit`. An empty query lists the recent entries (newest first),
 * then the commands. Recent entries rank higher among matches; among equals, those on `preferEngine`.
 */
export function searchPalette(
  entries: readonly PaletteEntry[],
  query: string,
  recent: readonly string[],
  limit = 50,
  preferEngine: string | null = null,
): { hits: PaletteHit[]; total: number } {
  const q = query.trim();
  const recentRank = new Map(recent.map((k, i) => [k, i]));
  if (!q) {
    lastMatch = null; // nothing to narrow from, and no old entries kept alive
    const byKey = keyIndex(entries);
    const recents = recent.map((k) => byKey.get(k)).filter((e): e is PaletteEntry => e !== undefined);
    const rest = entries.filter((e) => e.kind === 'command' && !recentRank.has(e.key));
    const hits = [...recents, ...rest].slice(0, limit).map((entry) => ({ entry, titleIndexes: [] }));
    return { hits, total: recents.length + rest.length };
  }
  // The quick pass narrows a broad query to the likeliest few; fuzzysort (prepared targets, a property key and no
  // score callback: its fast path) ranks those and marks the letters; the recent and engine bonuses then re-rank.
  const words = q.toLowerCase().split(/\s+/);
  const { total, best } = candidates(entries, words, (e) => recentRank.has(e.key));
  // All of them (at most CANDIDATES): the bonuses below may lift one fuzzysort alone ranks low.
  const results = fuzzysort.go(q, best, { key: 'target', threshold: 0, limit: 0 });
  const score = (r: (typeof results)[number]) => {
    const rank = recentRank.get(r.obj.key);
    const recentBonus = rank === undefined ? 0 : RECENT_BONUS * (1 - rank / Math.max(1, recent.length));
    const title = r.obj.title.toLowerCase();
    const titleBonus = words.every((w) => title.includes(w)) ? TITLE_BONUS + (title.startsWith(words[0]!) ? TITLE_START_BONUS : 0) : 0;
    return r.score + recentBonus + titleBonus + (preferEngine !== null && r.obj.engineId === preferEngine ? ENGINE_BONUS : 0);
  };
  const ranked = results.map((r) => ({ r, score: score(r) }));
  ranked.sort((a, b) => b.score - a.score);
  const hits: PaletteHit[] = [];
  for (let i = 0; i < ranked.length && i < limit; i++) {
    const { r } = ranked[i]!;
    const titleLength = r.obj.title.length;
    hits.push({ entry: r.obj, titleIndexes: r.indexes.filter((x) => x < titleLength) });
  }
  return { hits, total };
}
