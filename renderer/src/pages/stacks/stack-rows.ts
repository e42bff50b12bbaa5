import type { ContainerSummary, RememberedStack, StackServiceState } from '../../../../preload/contract';
import { groupBy } from '../../data/group-by';
import { compareNatural } from '../../format/natural-compare';

/**
 * The Stacks list: compose projects the engine knows (from container labels, compose v1 and v2 alike) merged with the
 * stacks the user opened or created. Pure, unit-tested.
 */
export type StackStatus = 'running' | 'partial' | 'stopped' | 'not-deployed';

export interface StackRow {
  /** The compose file path, or `project:<name>` when no file is known. */
  key: string;
  name: string;
  /** The compose file, when known (remembered, or from the containers' config_files label). */
  path: string | null;
  workingDir: string | null;
  status: StackStatus;
  /** Declared in the file and/or seen on containers, sorted. */
  services: string[];
  running: number;
  containers: ContainerSummary[];
  remembered: boolean;
  /** A remembered file that no longer exists. */
  missing: boolean;
}

export function stackStatus(containers: readonly ContainerSummary[], declared: readonly string[]): StackStatus {
  if (containers.length === 0) return 'not-deployed';
  const running = containers.filter((c) => c.state === 'running');
  if (running.length === 0) return 'stopped';
  const runningServices = new Set(running.map((c) => c.compose?.service));
  const allServicesUp = declared.every((s) => runningServices.has(s));
  return running.length === containers.length && allServicesUp ? 'running' : 'partial';
}

export const STATUS_LABEL: Record<StackStatus, string> = {
  running: 'running',
  partial: 'partly running',
  stopped: 'stopped',
  'not-deployed': 'not deployed',
};

export const STATUS_TONE: Record<StackStatus, 'success' | 'warning' | 'neutral' | 'info'> = {
  running: 'success',
  partial: 'warning',
  stopped: 'neutral',
  'not-deployed': 'info',
};

/**
 * How a service's last compose step looks: working, failed, done — and `gone` for a step that took the service away
 * (Stopped, Removed, Killed), which is no success to show in green beside a service that no longer runs.
 */
export function serviceStepTone(step: { step: string; state: StackServiceState }): StackServiceState | 'gone' {
  if (step.state === 'done' && /^(Stopped|Removed|Killed)$/i.test(step.step)) return 'gone';
  return step.state;
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

export function stackRows(containers: Iterable<ContainerSummary>, remembered: readonly RememberedStack[]): StackRow[] {
  const byProject = groupBy(containers, (c) => c.compose?.project ?? null);
  const rows: StackRow[] = [];
  const claimed = new Set<string>();
  for (const r of remembered) {
    // The running project that belongs to this file: its config_files label names it, else the same project name.
    let project: string | null = null;
    for (const [name, list] of byProject) {
      if (list.some((c) => c.compose?.configFiles?.includes(r.path))) project = name;
    }
    if (project === null && byProject.has(r.projectName)) project = r.projectName;
    const list = project ? byProject.get(project)! : [];
    if (project) claimed.add(project);
    rows.push(row(r.path, project ?? r.projectName, r.path, list, r.services, true, !r.exists));
  }
  for (const [name, list] of byProject) {
    if (claimed.has(name)) continue;
    const file = list.find((c) => c.compose?.configFiles?.length)?.compose?.configFiles?.[0] ?? null;
    const path = file && file.startsWith('/') ? file : null;
    rows.push(row(path ?? `project:${name}`, name, path, list, [], false, false));
  }
  return rows.sort((a, b) => compareNatural(a.name, b.name) || compareNatural(a.key, b.key));
}

function row(key: string, name: string, path: string | null, list: ContainerSummary[], declared: string[], remembered: boolean, missing: boolean): StackRow {
  const containers = [...list].sort((a, b) => compareNatural(a.name, b.name));
  const services = [...new Set([...declared, ...containers.map((c) => c.compose!.service)])].sort();
  return {
    key,
    name,
    path,
    workingDir: path ? dirOf(path) : (containers[0]?.compose?.workingDir ?? null),
    status: stackStatus(containers, declared),
    services,
    running: containers.filter((c) => c.state === 'running').length,
    containers,
    remembered,
    missing,
  };
}

/** One engine's stacks, in a list showing several engines. */
export interface EngineStacks {
  engineId: string;
  rows: StackRow[];
}

/**
 * The Stacks list over several engines: each engine's compose projects under it. A remembered file is a stack on
 * the engine it runs on; one that runs nowhere is listed (not deployed) under the primary engine, where Up sends it.
 */
export function stackRowsByEngine(
  containersOf: (engineId: string) => Iterable<ContainerSummary>,
  engineIds: readonly string[],
  primary: string,
  remembered: readonly RememberedStack[],
): EngineStacks[] {
  const perEngine = engineIds.map((engineId) => ({ engineId, rows: stackRows(containersOf(engineId), remembered) }));
  const deployed = new Set(perEngine.flatMap((e) => e.rows.filter((r) => r.containers.length > 0).map((r) => r.key)));
  return perEngine
    .map(({ engineId, rows }) => ({
      engineId,
      rows: rows.filter((r) => r.containers.length > 0 || (engineId === primary && !deployed.has(r.key))),
    }))
    .filter((e) => e.rows.length > 0);
}
