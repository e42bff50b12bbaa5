import type { StackDrift } from '../../preload/contract/stacks';

/**
 * `compose config --hash=*` prints one `<service> <hash>` line per service of the file (v1 and v2 alike); the
 * containers compose created carry the hash of the configuration they were made from in
 * `com.docker.compose.config-hash`. Where they differ, `up` would recreate the service.
 */
export function parseConfigHashes(stdout: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+([0-9a-f]{64})\s*$/.exec(line.trim());
    if (m) hashes.set(m[1]!, m[2]!);
  }
  return hashes;
}

export interface LabelledContainer {
  service: string;
  /** `com.docker.compose.config-hash`. */
  hash: string | undefined;
  /** `com.docker.compose.version`: the compose that created it. */
  composeVersion: string | undefined;
}

/**
 * What `up` would change, from the file's hashes (computed by the compose of major version `cliKind`) and the
 * project's containers. Compose v1 and v2 hash a configuration differently: containers made by the other one cannot
 * be compared, and saying every service changed would be false.
 */
export function compareConfigHashes(file: ReadonlyMap<string, string>, containers: readonly LabelledContainer[], cliKind: 'v1' | 'v2'): StackDrift {
  const foreign = containers.find((c) => c.composeVersion && (c.composeVersion.startsWith('1.') ? 'v1' : 'v2') !== cliKind);
  if (foreign) {
    return {
      changed: [],
      added: [],
      removed: [],
      error: `Its containers were created by compose ${foreign.composeVersion}, and Berth runs compose ${cliKind}: their configurations cannot be compared.`,
    };
  }
  const running = new Map<string, Set<string | undefined>>();
  for (const c of containers) {
    if (!c.service) continue;
    const hashes = running.get(c.service) ?? new Set();
    hashes.add(c.hash);
    running.set(c.service, hashes);
  }
  const changed: string[] = [];
  const added: string[] = [];
  for (const [service, hash] of file) {
    const seen = running.get(service);
    if (!seen) added.push(service);
    else if ([...seen].some((h) => h !== hash)) changed.push(service);
  }
  const removed = [...running.keys()].filter((s) => !file.has(s));
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort(), error: null };
}
