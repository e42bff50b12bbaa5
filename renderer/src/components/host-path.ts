/**
 * Pure parts of the host path picker: name filters, breadcrumbs, where to start, paths relative to a base. Paths are
 * POSIX (the picker lists the machine Berth's main process runs on, which answers with resolved absolute paths).
 */

export type PickMode = 'folder' | 'file' | 'file-or-folder';

/** A name filter from globs ("Dockerfile*", "*.tar", "compose.y?ml"): `*` any run, `?` one character; case-insensitive. */
export function nameMatcher(patterns: readonly string[] | undefined): (name: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const res = patterns.map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
  return (name) => res.some((r) => r.test(name));
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function dirname(p: string): string {
  const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

export function basename(p: string): string {
  const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** `/home/me/app` → [{ label: '/', path: '/' }, { label: 'home', path: '/home' }, …]. */
export function breadcrumbs(path: string): { label: string; path: string }[] {
  const crumbs = [{ label: '/', path: '/' }];
  let acc = '';
  for (const part of path.split('/').filter(Boolean)) {
    acc += `/${part}`;
    crumbs.push({ label: part, path: acc });
  }
  return crumbs;
}

/** A field's value as an absolute path: relative values (a Dockerfile in its context) resolve against `base`. */
export function absoluteValue(value: string, base: string | undefined): string | null {
  const v = value.trim();
  if (!v) return null;
  if (isAbsolute(v)) return v;
  if (base && isAbsolute(base.trim())) return joinPath(base.trim().replace(/\/+$/, '') || '/', v.replace(/^\.\//, ''));
  return null;
}

/**
 * Folders to try listing first, best first: the value itself (a folder), then its folder (the value is a file, or
 * gone); the caller falls back to home. `highlight` is the name to select once its folder is listed.
 */
export function startCandidates(value: string, base: string | undefined): { paths: string[]; highlight: string | null } {
  const abs = absoluteValue(value, base);
  if (!abs) return { paths: base && isAbsolute(base.trim()) ? [base.trim()] : [], highlight: null };
  return { paths: abs === '/' ? ['/'] : [abs, dirname(abs)], highlight: abs === '/' ? null : basename(abs) };
}

/** What a chosen absolute path becomes in a field with a `base`: relative when inside it, absolute otherwise. */
export function relativeTo(path: string, base: string | undefined): string {
  const b = base?.trim().replace(/\/+$/, '');
  if (!b || !isAbsolute(b)) return path;
  return path.startsWith(`${b}/`) ? path.slice(b.length + 1) : path;
}

export interface PickTarget {
  name: string;
  isDir: boolean;
}

/**
 * What "Select" would choose, or null when nothing valid is chosen: the highlighted entry when its kind fits the
 * mode; in folder modes with no folder highlighted, the folder being shown; in save mode, the typed name in it.
 */
export function choice(mode: PickMode, cwd: string, highlighted: PickTarget | null, saveName?: string | null): string | null {
  if (saveName !== undefined && saveName !== null) {
    const n = saveName.trim();
    return n && !n.includes('/') && n !== '.' && n !== '..' && !n.includes('\0') ? joinPath(cwd, n) : null;
  }
  if (highlighted) {
    if (highlighted.isDir && mode !== 'file') return joinPath(cwd, highlighted.name);
    if (!highlighted.isDir && mode !== 'folder') return joinPath(cwd, highlighted.name);
  }
  return mode === 'file' ? null : cwd;
}
