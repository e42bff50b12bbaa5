import type { ContainerSummary, ImageSummary } from '../../../../preload/contract';
import { objectKey } from '../../data/keyed';

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
  users: Pick<ContainerSummary, 'id' | 'name' | 'state'>[];
}

export const IMAGE_FILTERS: Record<ImageFilter, string> = { all: 'All', 'in-use': 'In use', unused: 'Unused', dangling: 'Dangling' };

export const shortImageId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
/** What an image is called in a dialog's title: its first tag, or its short id. */
export const nameOf = (image: ImageSummary) => image.repoTags[0] ?? shortImageId(image.id);

/** Containers (running or not) per image id. */
export function usersByImage(containers: Iterable<ContainerSummary>): Map<string, ImageRow['users']> {
  const out = new Map<string, ImageRow['users']>();
  for (const c of containers) {
    const list = out.get(c.imageId);
    const user = { id: c.id, name: c.name, state: c.state };
    if (list) list.push(user);
    else out.set(c.imageId, [user]);
  }
  return out;
}

/** Filters, sorts and joins the images with the containers that use them (give one engine's of each). Pure. */
export function buildImageRows(images: readonly ImageSummary[], containers: Iterable<ContainerSummary>, view: ImageListView): ImageRow[] {
  const users = usersByImage(containers);
  const needle = view.filterText.trim().toLowerCase();
  const rows: ImageRow[] = [];
  for (const image of images) {
    const row: ImageRow = {
      key: objectKey(image.engineId, image.id),
      image,
      name: image.repoTags[0] ?? '<none>',
      shortId: shortImageId(image.id),
      users: (users.get(image.id) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name)),
    };
    if (view.filter === 'dangling' && !image.dangling) continue;
    if (view.filter === 'in-use' && row.users.length === 0) continue;
    if (view.filter === 'unused' && row.users.length > 0) continue;
    if (needle && !matches(row, needle)) continue;
    rows.push(row);
  }
  const dir = view.sort.dir === 'asc' ? 1 : -1;
  const compare: Record<ImageSortKey, (a: ImageRow, b: ImageRow) => number> = {
    name: (a, b) => Number(a.image.dangling) - Number(b.image.dangling) || a.name.localeCompare(b.name) * dir,
    size: (a, b) => (a.image.size - b.image.size) * dir,
    created: (a, b) => (a.image.created - b.image.created) * dir,
    containers: (a, b) => (a.users.length - b.users.length) * dir,
  };
  return rows.sort((a, b) => compare[view.sort.key](a, b) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
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
