import type { ContainerSummary } from '../../../../preload/contract';
import type { LogSourceLabel } from '../../logs/LogViewParts';

/**
 * The route item of the merged logs view: `#/e/<engine>/containers/~logs/<id,id,…>` (no container name can start
 * with ~). A container on another engine than the route's is written `<engine>/<id>` (a selection can span engines).
 */
export const MERGED_LOGS_ITEM = '~logs';

export interface MergedRef {
  engineId: string;
  id: string;
}

const PART = '[a-zA-Z0-9][a-zA-Z0-9_.-]*';
const REF = new RegExp(`^(?:(${PART})/)?(${PART})$`);

/** The containers a merged logs route names; those without an engine are on the route's. */
export function parseMergedIds(tab: string | null, routeEngine: string): MergedRef[] {
  const out: MergedRef[] = [];
  for (const part of (tab ?? '').split(',')) {
    const m = REF.exec(part.trim());
    if (m) out.push({ engineId: m[1] ?? routeEngine, id: m[2]! });
  }
  return out.slice(0, 64);
}

/** The route parameter for these containers, on a route of `routeEngine`. */
export function mergedParam(refs: readonly MergedRef[], routeEngine: string): string {
  return refs
    .slice(0, 64)
    .map((r) => (r.engineId === routeEngine ? r.id : `${r.engineId}/${r.id}`))
    .join(',');
}

/** Each container's prefix in merged logs: its compose service (numbered when scaled), else its name; a colour each. */
export function mergedLabels(containers: (ContainerSummary | undefined)[], ids: string[]): Map<string, LogSourceLabel> {
  const perService = new Map<string, number>();
  for (const c of containers) if (c?.compose) perService.set(c.compose.service, (perService.get(c.compose.service) ?? 0) + 1);
  const out = new Map<string, LogSourceLabel>();
  ids.forEach((id, i) => {
    const c = containers[i];
    let label = c?.name ?? id.slice(0, 12);
    if (c?.compose) label = (perService.get(c.compose.service) ?? 0) > 1 && c.compose.number ? `${c.compose.service}-${c.compose.number}` : c.compose.service;
    out.set(id, { label, color: i % 8 });
  });
  return out;
}

/** A title for the merged view: the compose project when they share one. */
export function mergedTitle(containers: (ContainerSummary | undefined)[]): string {
  const projects = new Set(containers.map((c) => c?.compose?.project ?? null));
  const [only] = projects;
  if (projects.size === 1 && only) return only;
  return `${containers.length} containers`;
}
