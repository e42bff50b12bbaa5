import type { StackServiceState } from '../../preload/contract/stacks';

/**
 * Reads compose's progress output (v1 and v2, `--ansi never`, no TTY) line by line and says which service each line
 * is about, the step it reports, and the failures with the service they concern. Pure: unit-tested on captured output.
 *
 * v1:  `Creating proj_web_1 ... done`, `Pulling db ... error`, `ERROR: for web  Cannot start service web: …`,
 *      `ERROR: Service 'web' failed to build : …`, `Building web`
 * v2:  ` Container proj-web-1  Started`, ` web Pulled`, `dependency failed to start: container proj-db-1 is unhealthy`,
 *      `Error response from daemon: … endpoint proj-web-1 …`
 */
export interface OutputReading {
  service: string | null;
  progress?: { service: string; step: string; state: StackServiceState; error?: string };
  failure?: { service: string | null; message: string };
}

const V1_STEP = /^(Creating|Starting|Stopping|Removing|Recreating|Restarting|Killing|Pulling|Pausing|Unpausing)\s+(\S+)\s+\.\.\.\s*(done|error)?\s*$/;
const V2_STEP = /^\s*(?:[✔✘⠿]\s*)?(Container|Network|Volume|Image)?\s*(\S+)\s+(Creating|Created|Starting|Started|Stopping|Stopped|Removing|Removed|Recreate|Recreated|Restarting|Restarted|Running|Waiting|Healthy|Pulling|Pulled|Building|Built|Killing|Killed|Error|Skipped)\b(.*)$/;
const V2_DONE = new Set(['Created', 'Started', 'Stopped', 'Removed', 'Recreated', 'Restarted', 'Running', 'Healthy', 'Pulled', 'Built', 'Killed', 'Skipped']);

export function createOutputReader(project: string, services: readonly string[]) {
  const known = new Set(services);
  /** A container or service name → its service, or null when it is neither (a network, a custom container_name). */
  const serviceOf = (name: string): string | null => {
    if (known.has(name)) return name;
    for (const sep of ['_', '-']) {
      if (!name.startsWith(project + sep)) continue;
      const rest = name.slice(project.length + 1).replace(/[_-]\d+$/, '');
      if (known.has(rest) || services.length === 0) return rest;
    }
    return null;
  };
  /** The first known service or project container named anywhere in a message. */
  const mentioned = (text: string): string | null => {
    for (const word of text.split(/[\s"'(),:;]+/)) {
      const s = word && serviceOf(word);
      if (s) return s;
    }
    return null;
  };

  return function read(raw: string): OutputReading {
    const line = raw.trimEnd();

    let m = V1_STEP.exec(line);
    if (m) {
      const service = serviceOf(m[2]!);
      if (!service) return { service: null };
      const state: StackServiceState = m[3] === 'done' ? 'done' : m[3] === 'error' ? 'failed' : 'working';
      return { service, progress: { service, step: state === 'done' ? pastTense(m[1]!) : m[1]!, state } };
    }

    m = /^ERROR: for (\S+)\s+(.*)$/.exec(line);
    if (m) {
      const service = serviceOf(m[1]!);
      // v1 repeats each failure for the container and then for the service: report the service's line only.
      if (service !== null && service !== m[1]) return { service };
      return { service, failure: { service, message: m[2]!.trim() }, ...(service ? { progress: { service, step: 'Error', state: 'failed' as const, error: m[2]!.trim() } } : {}) };
    }

    m = /^ERROR: Service '([^']+)' failed to build\s*:?\s*(.*)$/.exec(line);
    if (m) {
      const service = m[1]!;
      const message = `failed to build${m[2] ? `: ${m[2]}` : ''}`;
      return { service, failure: { service, message }, progress: { service, step: 'Build', state: 'failed', error: message } };
    }

    m = /^Building (\S+)$/.exec(line);
    if (m && known.has(m[1]!)) return { service: m[1]!, progress: { service: m[1]!, step: 'Building', state: 'working' } };

    m = V2_STEP.exec(line);
    if (m && (m[1] === 'Container' || m[1] === undefined)) {
      const service = serviceOf(m[2]!);
      if (service) {
        const step = m[3]!;
        const state: StackServiceState = step === 'Error' ? 'failed' : V2_DONE.has(step) ? 'done' : 'working';
        const detail = m[4]!.trim();
        return {
          service,
          progress: { service, step, state, ...(state === 'failed' && detail ? { error: detail } : {}) },
          ...(state === 'failed' ? { failure: { service, message: detail || `${step}` } } : {}),
        };
      }
    }

    m = /^dependency failed to start: container (\S+) (.*)$/.exec(line);
    if (m) {
      const service = serviceOf(m[1]!);
      const message = `dependency ${service ?? m[1]} ${m[2]}`;
      return { service, failure: { service, message }, ...(service ? { progress: { service, step: 'Error', state: 'failed' as const, error: m[2]! } } : {}) };
    }

    m = /^(?:ERROR|Error|error)(?: response from daemon)?:\s*(.*)$/.exec(line);
    if (m) {
      const message = m[1]!.trim();
      // v1's closing summary repeats what the per-service lines said.
      if (/^Encountered errors while bringing up the project\.?$/.test(message)) return { service: null };
      const service = mentioned(message);
      return { service, failure: { service, message } };
    }

    return { service: mentioned(line.split(/\s+\|\s+/)[0] ?? '') };
  };
}

/** "Creating … done" reads as "Created" once it is done. */
function pastTense(step: string): string {
  return step.replace(/ing$/, 'ed'); // every v1 verb here: Creating, Stopping, Pulling, Removing, …
}
