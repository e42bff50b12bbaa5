import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { launchBarePage } from './cdp';
import { cliEnv, engineStatuses, requireRemoteWorld, SSH_CONTEXT, SSH_ENGINE, startRemoteServe } from './remote-support';
import { CannotRun, fmt, median, type Benchmark } from './lib';

const run = promisify(execFile);
const LOADS = 5;
const SWITCHES = 10;
const CLI_RUNS = 5;

/** Stamps Date.now() in the page when the ssh engine's row for `name` is first in the DOM (a MutationObserver). */
function rowWatcher(name: string): string {
  return `(() => {
    const s = window.__berthRemote = { at: null, count: null };
    const selector = '[data-testid="container-row"][data-engine="${SSH_ENGINE}"][data-container-name="' + CSS.escape(${JSON.stringify(name)}) + '"]';
    const check = () => {
      if (s.at !== null) return;
      if (document.querySelector(selector)) {
        s.at = Date.now();
        const c = document.querySelector('[data-testid="container-count"]');
        s.count = c ? Number(c.getAttribute('data-total')) : null;
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  })()`;
}

/**
 * remote-list: the ssh engine's containers list shown in a running Berth (from another page to
 * `#/e/ctx-berth-world-ssh/containers`, what the sidebar's engine link does → the row of a container this run
 * created is on screen), against `docker --context berth-world-ssh ps -a` in the same run. The CLI opens an ssh
 * connection and runs `docker system dial-stdio` on the remote side every time; Berth's connection is open and its
 * store follows the engine's events. The table adds the same list in a fresh browser (page load, renderer start,
 * socket, snapshot and render: what opening Berth costs, whatever the engine).
 */
export const remoteList: Benchmark = {
  name: 'remote-list',
  describe: `the ssh engine's containers list shown in a running Berth (switch to it), ref = docker --context ${SSH_CONTEXT} ps -a`,
  async run(ctx) {
    requireRemoteWorld();
    const name = uniqueName('bench-remote-list');
    // A compose project that sorts first: the list is virtualized, and with hundreds of containers on a shared daemon
    // a row further down would not be in the DOM at all.
    const container = await createTestContainer(ctx.docker, { name, labels: { 'com.docker.compose.project': `0000-bench-${ctx.runId.slice(-6)}`, 'com.docker.compose.service': 'list' } });
    ctx.defer(() => container.remove({ force: true }).catch(() => undefined));

    const server = await startRemoteServe(ctx);
    const connectT0 = performance.now();
    await engineStatuses(server, [SSH_ENGINE]);
    const connectMs = performance.now() - connectT0;
    const url = `${server.url}#/e/${SSH_ENGINE}/containers`;

    const load = async (label: string) => {
      const page = await launchBarePage(ctx);
      try {
        await page.addInitScript(rowWatcher(name));
        const t0 = Date.now();
        await page.goto(url);
        const at = await page.waitFor<number>(`${label}: the ssh engine's row of ${name}`, 'window.__berthRemote?.at ?? null', 30_000, 10);
        const count = await page.evaluate<number | null>('window.__berthRemote.count');
        return { ms: at - t0, count };
      } finally {
        await page.close();
      }
    };
    await load('warm-up load');
    const loads: { ms: number; count: number | null }[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await load(`load ${i + 1}`));

    // Inside one open page: from the local engine's images to the ssh engine's containers.
    const page = await launchBarePage(ctx);
    ctx.defer(() => page.close());
    await page.goto(`${server.url}#/e/local/images`);
    await page.waitFor('the images page', `[...document.querySelectorAll('h1')].some((h) => h.textContent === 'Images')`, 30_000);
    const switches: number[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      await page.evaluate(`(location.hash = '#/e/local/images', true)`);
      await page.waitFor('the images page again', `[...document.querySelectorAll('h1')].some((h) => h.textContent === 'Images') && !document.querySelector('[data-testid="container-row"]')`, 10_000, 10);
      await page.evaluate(rowWatcher(name));
      const t0 = await page.evaluate<number>(`(() => { const t = Date.now(); location.hash = '#/e/${SSH_ENGINE}/containers'; return t; })()`);
      const at = await page.waitFor<number>(`switch ${i + 1}: the ssh engine's row`, 'window.__berthRemote?.at ?? null', 10_000, 10);
      switches.push(at - t0);
    }

    const cli: number[] = [];
    let cliCount = 0;
    for (let i = 0; i < CLI_RUNS; i++) {
      const t = performance.now();
      const { stdout } = await run('docker', ['--context', SSH_CONTEXT, 'ps', '-a', '--format', '{{.Names}}'], { env: cliEnv() });
      cli.push(performance.now() - t);
      const names = stdout.split('\n').filter(Boolean);
      cliCount = names.length;
      if (!names.includes(name)) throw new CannotRun(`docker --context ${SSH_CONTEXT} ps -a does not list ${name}`);
    }
    const local: number[] = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      const t = performance.now();
      await run('docker', ['ps', '-a', '--format', '{{.Names}}']);
      local.push(performance.now() - t);
    }

    const berth = median(switches);
    const ref = median(cli);
    ctx.log(`  target: ≤ 1.0× the CLI → ${berth <= ref ? 'met' : 'NOT met'}`);
    return {
      berth,
      ref,
      unit: 'ms',
      table: [
        ['containers on the engine', `${cliCount} (the UI counted ${loads.at(-1)?.count ?? 'n/a'})`],
        ['berth serve start → ssh engine connected', fmt(connectMs, ' ms')],
        [`fresh page → ssh engine's row (each load)`, loads.map((l) => fmt(l.ms, ' ms')).join(', ')],
        [`fresh page → ssh engine's row  median of ${LOADS}`, fmt(median(loads.map((l) => l.ms)), ' ms')],
        [`running Berth, switch to the ssh engine's list (each)`, switches.map((v) => fmt(v, ' ms')).join(', ')],
        [`running Berth, switch to the ssh engine's list  median of ${SWITCHES}`, fmt(berth, ' ms')],
        [`docker --context ${SSH_CONTEXT} ps -a (each)`, cli.map((v) => fmt(v, ' ms')).join(', ')],
        [`docker --context ${SSH_CONTEXT} ps -a  median of ${CLI_RUNS}`, fmt(ref, ' ms')],
        [`docker ps -a over the local socket  median of ${CLI_RUNS}`, fmt(median(local), ' ms')],
        ['target', 'berth ≤ 1.0× the CLI'],
      ],
    };
  },
};
