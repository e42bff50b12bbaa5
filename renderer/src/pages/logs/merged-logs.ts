import type { ContainerSummary } from '../../../../preload/contract';
import type { LogSourceLabel } from '../../logs/LogViewer';

/** The route item of the merged logs view: `#/containers/~logs/<id,id,…>` (no container name can start with ~). */
export const MERGED_LOGS_ITEM = '~logs';

export function parseMergedIds(tab: string | null): string[] {
  return (tab ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s))
    .slice(0, 64);
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
