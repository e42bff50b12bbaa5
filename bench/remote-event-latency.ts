import { readFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { defaultSshEnvironment } from '../main/engine/connection';
import { readFileOrNull } from '../main/engine/registry';
import { SshTunnel } from '../main/engine/ssh-tunnel';
import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { launchBarePage, type BarePage } from './cdp';
import { engineStatuses, requireRemoteWorld, SSH_CONTEXT, SSH_ENGINE, startRemoteServe, TLS_ENGINE } from './remote-support';
import { CannotRun, fmt, median, percentile, type Benchmark } from './lib';

const TRIALS = 30;
const WARMUP = 2;
const FILTER = 'input[aria-label="Filter containers"]';

/** Stamps Date.now() when the row of `name` on `engineId` shows data-state `want` (a DOM commit, not a poll). */
async function arm(page: BarePage, engineId: string, name: string, want: string) {
  await page.evaluate(`(() => {
    const s = window.__berthLatency ??= { observer: null };
    s.observer?.disconnect();
    s.at = null;
    const selector = '[data-testid="container-row"][data-engine="${engineId}"][data-container-name="' + CSS.escape(${JSON.stringify(name)}) + '"]';
    const check = () => {
      if (s.at !== null) return;
      const row = document.querySelector(selector);
      if (row && row.getAttribute('data-state') === ${JSON.stringify(want)}) s.at = Date.now();
    };
    s.observer = new MutationObserver(check);
    s.observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    check();
  })()`);
}

interface Trials {
  ui: number[];
  api: number[];
}

interface Engine {
  id: string;
  api: Docker;
  trials: Trials;
}

/**
 * Rounds over the engines (the order rotating each round, so a load that changes during the run weighs on every
 * engine alike): start the container through that engine's own API (the client given), time until the row of
 * that engine in "All engines" shows running; then stop it the same way and wait for exited. The test world's
 * engines are one daemon, so the container has a row under each engine; only the row of the engine asked counts.
 */
async function rounds(page: BarePage, name: string, container: string, engines: Engine[]): Promise<void> {
  await page.waitFor('the containers page', `!!document.querySelector('${FILTER}')`, 15_000);
  await page.fill(FILTER, name);
  for (const e of engines) {
    await page.waitFor(`the row of ${name} on ${e.id}`, `!!document.querySelector('[data-testid="container-row"][data-engine="${e.id}"][data-container-name="${name}"]')`, 15_000);
  }
  for (let i = 0; i < WARMUP + TRIALS; i++) {
    for (let k = 0; k < engines.length; k++) {
      const e = engines[(i + k) % engines.length]!;
      const c = e.api.getContainer(container);
      await arm(page, e.id, name, 'running');
      const t0 = Date.now();
      const p0 = performance.now();
      await c.start();
      const apiMs = performance.now() - p0;
      const at = await page.waitFor<number>(`${e.id} trial ${i + 1}: the row showing running`, 'window.__berthLatency.at', 10_000, 5);
      await arm(page, e.id, name, 'exited');
      await c.stop({ t: 1 });
      await page.waitFor<number>(`${e.id} trial ${i + 1}: the row showing exited`, 'window.__berthLatency.at', 10_000, 5);
      // One daemon: every engine's row goes to exited, each from its own events stream. Wait for all of them, or the
      // next engine's row could still show this start when its trial is armed.
      const allExited = engines.map((x) => `document.querySelector('[data-testid="container-row"][data-engine="${x.id}"][data-container-name="${name}"]')?.getAttribute('data-state') === 'exited'`).join(' && ');
      await page.waitFor(`trial ${i + 1}: every engine's row showing exited`, allExited, 10_000, 5);
      if (i < WARMUP) continue;
      e.trials.ui.push(at - t0);
      e.trials.api.push(apiMs);
    }
  }
}

/**
 * remote-event-latency: a container started through the ssh engine's API (a client on one long-lived ssh connection,
 * as Berth's own) → its row on the ssh engine's page shows running, p95; the reference is the same over the local
 * socket in the same run. The TLS engine (tcp://127.0.0.1:2376) is measured the same way for the table. All three
 * reach the test world's one daemon, so the difference is the transport: the API call and the events stream Berth
 * holds to each engine.
 */
export const remoteEventLatency: Benchmark = {
  name: 'remote-event-latency',
  describe: 'start through the ssh engine\'s API → the ssh engine\'s row shows running (p95), ref = the same over the local socket',
  async run(ctx) {
    requireRemoteWorld();
    const server = await startRemoteServe(ctx);
    await engineStatuses(server, ['local', SSH_ENGINE, TLS_ENGINE]);
    const name = uniqueName('bench-remote-lat');
    const container = await createTestContainer(ctx.docker, { name });
    ctx.defer(() => container.remove({ force: true }).catch(() => undefined));

    const tunnel = await SshTunnel.open({ host: SSH_CONTEXT }, defaultSshEnvironment(readFileOrNull), {}).catch((err: Error) => {
      throw new CannotRun(`ssh to ${SSH_CONTEXT}: ${err.message}`);
    });
    ctx.defer(() => tunnel.close());
    const sshApi = new Docker({ protocol: 'http', host: 'docker', port: 80, agent: tunnel.agent } as Docker.DockerOptions);
    const certs = process.env.BERTH_WORLD_TLS_CERTS!;
    const tls = new URL(process.env.BERTH_WORLD_TLS_HOST!.replace(/^tcp:/, 'https:'));
    const tlsApi = new Docker({
      protocol: 'https',
      host: tls.hostname,
      port: Number(tls.port),
      ca: readFileSync(path.join(certs, 'ca.pem')),
      cert: readFileSync(path.join(certs, 'cert.pem')),
      key: readFileSync(path.join(certs, 'key.pem')),
    });
    await Promise.all([sshApi.ping(), tlsApi.ping()]);

    const page = await launchBarePage(ctx);
    ctx.defer(() => page.close());
    await page.goto(`${server.url}#/all/containers`);
    const engines: Engine[] = [
      { id: 'local', api: ctx.docker, trials: { ui: [], api: [] } },
      { id: SSH_ENGINE, api: sshApi, trials: { ui: [], api: [] } },
      { id: TLS_ENGINE, api: tlsApi, trials: { ui: [], api: [] } },
    ];
    await rounds(page, name, container.id, engines);
    const [local, ssh, tlsT] = engines.map((e) => e.trials) as [Trials, Trials, Trials];

    const berth = percentile(ssh.ui, 95);
    const ref = percentile(local.ui, 95);
    ctx.log(`  target: ssh p95 ≤ 1.5× local → ${berth <= 1.5 * ref ? 'met' : 'NOT met'}`);
    const after = (t: Trials) => t.ui.map((v, i) => v - t.api[i]!);
    const row = (label: string, t: Trials): [string, string][] => [
      [`${label}: start → row running  p50 / p95`, `${fmt(median(t.ui), ' ms')} / ${fmt(percentile(t.ui, 95), ' ms')}`],
      [`${label}: the start call itself p50 / p95`, `${fmt(median(t.api), ' ms')} / ${fmt(percentile(t.api, 95), ' ms')}`],
      [`${label}: Berth after the call  p50 / p95`, `${fmt(median(after(t)), ' ms')} / ${fmt(percentile(after(t), 95), ' ms')}`],
    ];
    return {
      berth,
      ref,
      unit: 'ms',
      table: [
        ['trials per engine', `${TRIALS} (after ${WARMUP} warm-up), interleaved, on "All engines" filtered to the container`],
        ...row(`ssh (${SSH_ENGINE})`, ssh),
        ...row(`TLS (${TLS_ENGINE})`, tlsT),
        ...row('local socket', local),
        ['TLS p95 / local p95', (percentile(tlsT.ui, 95) / ref).toFixed(2)],
        ['target', 'ssh p95 ≤ 1.5× the local socket\'s'],
      ],
    };
  },
};
