import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { RawEngineEvent } from '../engine/connection';
import { discoverEndpoints } from '../engine/discovery';
import { readFileOrNull } from '../engine/registry';

/**
 * Test support for suites that touch a real engine. Everything a test creates carries `berth.test=<run id>`;
 * cleanup removes exactly that, never anything else.
 */
export const RUN_ID = process.env.BERTH_TEST_RUN_ID || `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
export const TEST_LABEL = 'berth.test';
export const FIXTURE_IMAGE = 'berth-fixture/busybox:latest';

/** Reaches the engine the way the app does (DOCKER_HOST, context, default sockets). */
export function testDocker(): Docker {
  const found = discoverEndpoints({ env: process.env, homedir: os.homedir(), platform: process.platform, readFile: readFileOrNull });
  const first = found.candidates.find((c) => c.transport.kind !== 'unix' || existsSync(c.transport.socketPath)) ?? found.candidates[0];
  if (!first) throw new Error(found.problem ?? 'no engine endpoint configured');
  const t = first.transport;
  if (t.kind === 'unix' || t.kind === 'npipe') return new Docker({ socketPath: t.socketPath });
  if (t.kind === 'tcp') return new Docker({ host: t.host, port: t.port, protocol: t.tls ? 'https' : 'http' });
  return new Docker({ protocol: 'ssh', host: t.host, port: t.port ?? 22 });
}

export async function requireEngine(docker = testDocker()): Promise<Docker> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(
      `No Docker engine answers (${(err as Error).message}). These tests need a real engine: run \`bash scripts/engine-up.sh\` (Debian, as root) or start Docker and set DOCKER_HOST.`,
      { cause: err },
    );
  }
  try {
    await docker.getImage(FIXTURE_IMAGE).inspect();
  } catch {
    throw new Error(`The fixture image ${FIXTURE_IMAGE} is missing: run \`bash scripts/engine-up.sh\` to build it from busybox-static.`);
  }
  return docker;
}

export function testLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [TEST_LABEL]: RUN_ID, ...extra };
}

/** A compose project name of this run's own: `prefix` and the run id's last letters and digits (compose allows no others). */
export function composeProjectName(prefix: string): string {
  return `${prefix}${RUN_ID.replace(/[^a-z0-9]/g, '').slice(-10)}`;
}

let counter = 0;
/** Test files share a run id but each loads this module afresh (counter back at 0): a per-load token keeps names apart. */
const LOAD_TOKEN = randomBytes(2).toString('hex');
export function uniqueName(prefix: string): string {
  return `berth-t-${prefix}-${RUN_ID.slice(-6)}-${LOAD_TOKEN}${++counter}`;
}

/**
 * A labelled container with a bit of everything the detail views show: `setup` run before it sleeps, the env and
 * compose labels given, a port published on loopback, an anonymous volume and a healthcheck that passes.
 */
export function detailContainerSpec(setup: string, env: string[], labels: Record<string, string>): Docker.ContainerCreateOptions {
  return {
    Image: FIXTURE_IMAGE,
    name: uniqueName('detail'),
    Cmd: ['sh', '-c', `${setup} && sleep 3600`],
    Env: env,
    Labels: testLabels(labels),
    ExposedPorts: { '8080/tcp': {} },
    Volumes: { '/cache': {} },
    Healthcheck: { Test: ['CMD-SHELL', 'echo checked-ok'], Interval: 1_000_000_000, Timeout: 1_000_000_000, Retries: 3 },
    StopTimeout: 1,
    HostConfig: { Init: true, PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  };
}

/** A labelled busybox container; `sleep` keeps it running until stopped. */
export async function createTestContainer(
  docker: Docker,
  opts: { name?: string; cmd?: string[]; labels?: Record<string, string>; start?: boolean; ports?: number[]; init?: boolean } = {},
): Promise<Docker.Container> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of opts.ports ?? []) {
    exposed[`${p}/tcp`] = {};
    bindings[`${p}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: '' }];
  }
  const container = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name: opts.name ?? uniqueName('c'),
    Cmd: opts.cmd ?? ['sleep', '3600'],
    Labels: testLabels(opts.labels),
    ExposedPorts: exposed,
    StopTimeout: 1,
    // docker-init as PID 1 makes `sleep` stop at once; without it the command itself must exist to start.
    HostConfig: { PortBindings: bindings, Init: opts.init ?? true },
  });
  if (opts.start) await container.start();
  return container;
}

/** Removes what this run created: containers labelled with this run id and their unnamed volumes, nothing else. */
export async function removeTestObjects(docker: Docker, runId = RUN_ID): Promise<number> {
  const mine = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${runId}`] } });
  // Unnamed volumes they mount: `v` removes only those a container declared itself, not one a recreate handed on.
  const unnamed = new Set(mine.flatMap((c) => (c.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name) ? [m.Name] : []))));
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  await Promise.all([...unnamed].map((v) => docker.getVolume(v).remove().catch(() => undefined)));
  return mine.length;
}

/**
 * Removes the images this run labelled that are still there at its end: built ones, and the layers a failed or
 * cancelled build committed before it stopped (only listed with all: true). Newest first, so children go before
 * their parents. For the end of a whole run, not between tests (a spec may build once and use the image after).
 */
export async function removeTestImages(docker: Docker, runId = RUN_ID): Promise<number> {
  const images = await docker.listImages({ all: true, filters: { label: [`${TEST_LABEL}=${runId}`] } });
  for (const image of images.sort((a, b) => b.Created - a.Created)) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  return images.length;
}

/** What `engine` delivers on its /events stream from now on, in order (for createTestContainerSeenIn). */
export function recordEvents(engine: { onEvent(cb: (e: RawEngineEvent) => void): unknown }): RawEngineEvent[] {
  const events: RawEngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return events;
}

/**
 * Creates a test container; resolves with it once `events` (what an engine's /events stream delivered so far) holds
 * its create event, the proof that the stream follows the engine.
 */
export async function createTestContainerSeenIn(docker: Docker, events: readonly RawEngineEvent[], timeoutMs?: number): Promise<Docker.Container> {
  const c = await createTestContainer(docker);
  await eventually(() => {
    if (!events.some((e) => e.Type === 'container' && e.Action === 'create' && e.Actor?.ID === c.id)) throw new Error(`no create event for ${c.id} on the stream yet`);
  }, timeoutMs);
  return c;
}

/** Polls an assertion until it holds (engine state changes are asynchronous). */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, stepMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      if (Date.now() > until) throw last;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}
