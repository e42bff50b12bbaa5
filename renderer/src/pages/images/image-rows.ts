import type { ContainerSummary, ImageSummary } from '../../../../preload/contract';
import { objectKey } from '../../data/keyed';
import { compareNatural } from '../../format/natural-compare';

export type ImageSortKey = 'name' | 'size' | 'created' | 'containers';
export type ImageFilter = 'all' | 'in-use' | 'unused' | 'dangling';

export interface ImageListView {
  filterText: string;
  filter: ImageFilter;
  sort: { key: ImageSortKey; dir: 'asc' | 'desc' };
}

export interface ImageRow {
  kind?: undefined;
  /** `<engineId>/<image id>`: the same image on two engines is two rows. */
  key: string;
  image: ImageSummary;
  /** The first tag, or `<none>` for a dangling image. */
  name: string;
  /** 12 hex characters, as `docker images` shows. */
  shortId: string;
  /** The containers that use the image, in the container list's order (the cell sorts them by name). */
  users: readonly ImageUser[];
}

export type ImageUser = Pick<ContainerSummary, 'id' | 'name' | 'state'>;

export const IMAGE_FILTERS: Record<ImageFilter, string> = { all: 'All', 'in-use': 'In use', unused: 'Unused', dangling: 'Dangling' };

export const shortImageId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
/** What an image is called in a dialog's title: its first tag, or its short id. */
export const nameOf = (image: ImageSummary) => image.repoTags[0] ?? shortImageId(image.id);

/**
 * One user per container summary: a summary is replaced (never changed) when its container changes, so an unchanged
 * container is the same user, and comparing two images' users is comparing references.
 */
const userOf = new WeakMap<ContainerSummary, ImageUser>();

/** Containers (running or not) per image, by the image's row key (`<engineId>/<image id>`), in the containers' order. */
export function usersByImage(containers: Iterable<ContainerSummary>): Map<string, ImageUser[]> {
  const out = new Map<string, ImageUser[]>();
  for (const c of containers) {
    const key = objectKey(c.engineId, c.imageId);
    const list = out.get(key);
    let user = userOf.get(c);
    if (!user) userOf.set(c, (user = { id: c.id, name: c.name, state: c.state }));
    if (list) list.push(user);
    else out.set(key, [user]);
  }
  return out;
}

/** The users as the list shows them: by name. */
export const usersByName = (users: readonly ImageUser[]) => [...users].sort((a, b) => compareNatural(a.name, b.name));

/**
 * Each image joined with the containers of its engine that use it, by row key. A row whose image and
 * users are what they were in `previous` is that same row, and with every row the same `previous` itself comes back:
 * a container event that changes no image's users changes nothing downstream (no sort, no row re-rendered).
 */
export function joinImageRows(images: readonly ImageSummary[], containers: Iterable<ContainerSummary>, previous?: ReadonlyMap<string, ImageRow>): ReadonlyMap<string, ImageRow> {
  const users = usersByImage(containers);
  const rows = new Map<string, ImageRow>();
  let changed = previous?.size !== images.length;
  for (const image of images) {
    const key = objectKey(image.engineId, image.id);
    const imageUsers = users.get(key) ?? NO_USERS;
    const old = previous?.get(key);
    if (old && old.image === image && sameUsers(old.users, imageUsers)) {
      rows.set(key, old);
      continue;
    }
    changed = true;
    rows.set(key, { key, image, name: image.repoTags[0] ?? '<none>', shortId: shortImageId(image.id), users: imageUsers });
  }
  return changed || !previous ? rows : previous;
}

const NO_USERS: readonly ImageUser[] = [];
const sameUsers = (a: readonly ImageUser[], b: readonly ImageUser[]) => a.length === b.length && a.every((u, i) => u === b[i]);

/** The rows in the view's order (sorted once; a filter keystroke then only filters). */
export function sortImageRows(rows: Iterable<ImageRow>, sort: ImageListView['sort']): ImageRow[] {
  const dir = sort.dir === 'asc' ? 1 : -1;
  const compare: Record<ImageSortKey, (a: ImageRow, b: ImageRow) => number> = {
    name: (a, b) => Number(a.image.dangling) - Number(b.image.dangling) || compareNatural(a.name, b.name) * dir,
    size: (a, b) => (a.image.size - b.image.size) * dir,
    created: (a, b) => (a.image.created - b.image.created) * dir,
    containers: (a, b) => (a.users.length - b.users.length) * dir,
  };
  return [...rows].sort((a, b) => compare[sort.key](a, b) || compareNatural(a.name, b.name) || compareNatural(a.key, b.key));
}

/** The sorted rows the view's use filter and text let through, in order. */
export function filterImageRows(sorted: readonly ImageRow[], view: Pick<ImageListView, 'filterText' | 'filter'>): readonly ImageRow[] {
  const needle = view.filterText.trim().toLowerCase();
  if (!needle && view.filter === 'all') return sorted;
  return sorted.filter((row) => {
    if (view.filter === 'dangling' && !row.image.dangling) return false;
    if (view.filter === 'in-use' && row.users.length === 0) return false;
    if (view.filter === 'unused' && row.users.length > 0) return false;
    return !needle || matches(row, needle);
  });
}

/** Joins the images with the containers that use them, sorts and filters: the three steps above at once. Pure. */
export function buildImageRows(images: readonly ImageSummary[], containers: Iterable<ContainerSummary>, view: ImageListView): readonly ImageRow[] {
  return filterImageRows(sortImageRows(joinImageRows(images, containers).values(), view.sort), view);
}

function matches(row: ImageRow, needle: string): boolean {
  if (row.shortId.startsWith(needle.replace(/^sha256:/, ''))) return true;
  if (row.image.repoTags.some((t) => t.toLowerCase().includes(needle))) return true;
  if (row.image.dangling && '<none>'.includes(needle)) return true;
  return row.users.some((u) => u.name.toLowerCase().includes(needle));
}

/** The bar widths of a history view: each layer's share of the heaviest one (0..1). */
export function layerShares(sizes: readonly number[]): number[] {
  const max = Math.max(0, ...sizes);
  return sizes.map((s) => (max > 0 ? s / max : 0));
}
