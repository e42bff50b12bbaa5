import { spawn } from 'node:child_process';
import { launchBarePage } from './cdp';
import { cpuOver, descendants, engineAndBerthGroups, engineGroups, engineTotal } from './proc-cpu';
import { CannotRun, fmt, sleep, withTimeout, type Benchmark } from './lib';
import { pidOf, serveForBench } from './serve';
import { startSleepers } from './sleepers';

const COUNT = 50;
const WINDOW_MS = 60_000;
const IDLE_MS = 15_000;
/** The 60 s of each side are measured in this many alternating windows. */
const TURNS = 2;
export const stats50: Benchmark = {
  name: 'stats-50',
  describe: 'CPU seconds of Berth (serve + renderer) and the engine over 60 s showing stats of 50 running containers, vs `docker stats`',
  async run(ctx) {
    // ---- 50 running containers of this run
    const { ids, prefix } = await startSleepers(ctx, COUNT, 'bench-stats');

    // ---- the engine alone, for scale
    const idle = await cpuOver(IDLE_MS, engineGroups);
    const idlePer60 = (engineTotal(idle) * WINDOW_MS) / IDLE_MS;

    // ---- Berth: the containers page, tall enough that all 50 rows are on screen, filtered to this run's containers
    const server = await serveForBench(ctx);
    const servePid = pidOf(server);
    // A bare page (cdp.ts): Playwright's Network domain would add its own work per WebSocket frame to the renderer
    // CPU this counts.
    const page = await launchBarePage(ctx, { width: 1440, height: 2100 });
    await page.goto(server.url);
    const FILTER = 'input[aria-label="Filter containers"]';
    const VALUES = '[data-testid="stats-cell-cpu"] .stats-cell-value';
    const link = (name: string) => `nav a[href$="/${name}"]`;
    const showList = async () => {
      await page.waitFor('the sidebar', `!!document.querySelector('${link('containers')}')`, 20_000);
      await page.click(link('containers'));
      await page.waitFor('the containers filter', `!!document.querySelector('${FILTER}')`, 20_000);
      if ((await page.evaluate<string>(`document.querySelector('${FILTER}').value`)) !== prefix) await page.fill(FILTER, prefix);
      let texts: string[];
      for (const until = Date.now() + 45_000; ; ) {
        texts = await page.evaluate<string[]>(`[...document.querySelectorAll('${VALUES}')].map((e) => e.textContent ?? '')`);
        if (texts.length >= COUNT && texts.every((t) => t.endsWith('%'))) break;
        if (Date.now() > until) {
          await page.screenshot(`/tmp/stats-50-${ctx.runId}.png`).catch(() => undefined);
          const ok = texts.filter((t) => t.endsWith('%')).length;
          throw new CannotRun(`after 45 s, ${ok} of ${COUNT} rows show a CPU figure (${texts.length} cells); see /tmp/stats-50-${ctx.runId}.png`);
        }
        await sleep(500);
      }
      await sleep(2000); // settle: layout, sparklines, the stream re-opened once
    };
    const berthGroups = engineAndBerthGroups(servePid);

    // Berth and the reference take turns (the engine is shared with other work on this machine; alternating spreads
    // that noise over both sides). While `docker stats` runs, Berth shows its Settings page: no stats are read.
    const berth: Record<string, number> = {};
    const ref: Record<string, number> = {};
    const add = (into: Record<string, number>, u: Record<string, number>) => {
      for (const [k, v] of Object.entries(u)) into[k] = (into[k] ?? 0) + v;
    };
    let bytes = 0;
    let shown = 0;
    for (let turn = 0; turn < TURNS; turn++) {
      await showList();
      shown = await page.evaluate<number>(`document.querySelectorAll('${VALUES}').length`);
      add(berth, await cpuOver(WINDOW_MS / TURNS, berthGroups));
      await page.click(link('settings'));
      await sleep(2000); // the hub closes its stream 300 ms after the list unmounts

      const cli = spawn('docker', ['stats', '--no-trunc', ...ids], { stdio: ['ignore', 'pipe', 'pipe'] });
      ctx.defer(() => cli.kill('SIGKILL'));
      cli.stdout.on('data', (d: Buffer) => (bytes += d.length));
      await withTimeout('docker stats output', 15_000, new Promise<void>((resolve) => cli.stdout.once('data', () => resolve())));
      await sleep(2000);
      const cliPid = cli.pid!;
      add(
        ref,
        await cpuOver(WINDOW_MS / TURNS, {
          ...engineGroups,
          cli: (p, all) => descendants(all, cliPid).has(p.pid),
          // Berth meanwhile, on its Settings page (reading no stats): not counted, shown for scale.
          berthIdle: (p, all) => berthGroups.serve!(p, all) || berthGroups.renderer!(p, all),
        }),
      );
      cli.kill('SIGTERM');
      await sleep(1000);
    }
    await page.close();
    await server.stop();

    const berthTotal = berth.serve! + berth.renderer! + engineTotal(berth);
    const refTotal = ref.cli! + engineTotal(ref);
    const s = (v: number) => fmt(v, ' s');
    ctx.log(`  target: ratio ≤ 0.5 → ${berthTotal / refTotal <= 0.5 ? 'met' : 'NOT met'}`);
    return {
      berth: berthTotal,
      ref: refTotal,
      unit: 's',
      table: [
        ['containers', `${COUNT} running, ${shown} rows with stats on screen (read every 2 s: cgroup files when the engine is local, else one-shot engine requests)`],
        ['window', `${WINDOW_MS / 1000} s each, as ${TURNS} alternating windows; CPU = utime + stime from /proc/<pid>/stat`],
        ['engine alone (idle, per 60 s)', `${s(idlePer60)} (dockerd + containerd + shims, measured over ${IDLE_MS / 1000} s)`],
        ['berth: serve process', s(berth.serve!)],
        ['berth: Chromium renderer', s(berth.renderer!)],
        ['berth: engine', `${s(engineTotal(berth))} (dockerd ${s(berth.dockerd!)}, containerd ${s(berth.containerd!)}, shims ${s(berth.shims!)})`],
        ['berth: other Chromium processes (not counted)', s(berth.otherChromium!)],
        ['berth on its Settings page meanwhile (not counted)', `${s(ref.berthIdle!)} (serve + renderer, during the reference windows)`],
        ['ref: docker stats CLI', `${s(ref.cli!)} (${Math.round(bytes / 1024)} KiB of output)`],
        ['ref: engine', `${s(engineTotal(ref))} (dockerd ${s(ref.dockerd!)}, containerd ${s(ref.containerd!)}, shims ${s(ref.shims!)})`],
        ['berth − idle engine vs ref − idle engine', `${s(berthTotal - idlePer60)} vs ${s(refTotal - idlePer60)}`],
        ['target', 'ratio ≤ 0.5'],
      ],
    };
  },
};
