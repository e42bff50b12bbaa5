import type Docker from 'dockerode';
import tar from 'tar-stream';
import { FIXTURE_IMAGE, TEST_LABEL } from '../main/test-support/engine';
import { launchBarePage } from './cdp';
import { CannotRun, percentile, pool, settled, type BenchContext, type BenchResult, type Benchmark } from './lib';
import { attributeDrops, DROPPED_MS, dropsRow, idleFrames, scrollEndToEnd, scrollTable } from './scroll';
import { oneEngine, serveForBench } from './serve';

/**
 * The Images page with 2,000 images and the Volumes page with 1,000, scrolled end to end as list-5000 scrolls the
 * containers (scroll.ts): berth = the p95 frame interval while scrolling, ref = the p95 of the same animation frame
 * loop with nothing changing, in the same page. Target: no frame over 25 ms for Berth's own work.
 */
export const images2000 = pageScroll({
  name: 'images-2000',
  describe: 'Images page with 2,000 images: scrolled end to end (p95 frame, frames over 25 ms), ref = frames with nothing changing',
  page: 'images',
  grid: '[role="grid"][aria-label="Images"]',
  count: 2000,
  create: buildImages,
});

export const volumes1000 = pageScroll({
  name: 'volumes-1000',
  describe: 'Volumes page with 1,000 volumes: scrolled end to end (p95 frame, frames over 25 ms), ref = frames with nothing changing',
  page: 'volumes',
  grid: '[role="grid"][aria-label="Volumes"]',
  count: 1000,
  create: createVolumes,
});

interface PageScroll {
  name: string;
  describe: string;
  /** The page's route (`#/<page>`, the local engine). */
  page: string;
  grid: string;
  count: number;
  /** Makes `count` objects labelled berth.test=<run id>, and registers their removal (ctx.defer). */
  create(ctx: BenchContext, count: number): Promise<void>;
}

const CONCURRENCY = 8;

function pageScroll(o: PageScroll): Benchmark {
  return {
    name: o.name,
    describe: o.describe,
    async run(ctx): Promise<BenchResult> {
      const t0 = performance.now();
      await o.create(ctx, o.count);
      ctx.log(`  (made ${o.count} ${o.page} in ${((performance.now() - t0) / 1000).toFixed(1)} s, concurrency ${CONCURRENCY})`);

      const server = await serveForBench(ctx, oneEngine(ctx));
      const page = await launchBarePage(ctx);
      try {
        await page.goto(`${server.url}#/${o.page}`);
        const rows = `(() => { const g = document.querySelector(${JSON.stringify(o.grid)}); return g ? Number(g.getAttribute('aria-rowcount')) - 1 : 0; })()`;
        await page.waitFor(`the ${o.page} page listing ${o.count} rows`, `${rows} >= ${o.count}`, 60_000);
        await new Promise((r) => setTimeout(r, 1000)); // the page's first work done (rows beyond the edges, sizes)
        const idle = await idleFrames(page);
        const scroll = await scrollEndToEnd(page, o.grid, `${o.name}-scroll`);
        const drops = await attributeDrops(page, o.grid, `${o.name}-scroll-traced`);
        const dropped = scroll.frames.filter((f) => f > DROPPED_MS).length;
        ctx.log(`  target: no frame over ${DROPPED_MS} ms → ${dropped === 0 ? 'met' : `NOT met (${dropped} of ${scroll.frames.length})`}`);
        return {
          berth: percentile(scroll.frames, 95),
          ref: percentile(idle, 95),
          unit: 'ms',
          table: [
            ...scrollTable(scroll, idle),
            dropsRow(drops),
            ['target', `no frame over ${DROPPED_MS} ms while scrolling → ${dropped === 0 ? 'met' : 'NOT met'}`],
          ],
        };
      } finally {
        await page.close();
      }
    },
  };
}

/** Removes the objects labelled berth.test=<run id> of one kind, a few at a time. */
async function removeLabelled<T>(list: () => Promise<T[]>, remove: (item: T) => Promise<unknown>): Promise<void> {
  await pool(await list(), CONCURRENCY, (item) => remove(item).catch(() => undefined));
}

/** Distinct images (the page has a row per image): a LABEL-only build each from the fixture, sharing its layer. */
async function buildImages(ctx: BenchContext, count: number): Promise<void> {
  const { docker, runId } = ctx;
  const filters = { label: [`${TEST_LABEL}=${runId}`] };
  const building = pool(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    (i) => {
      if (ctx.interrupted()) throw new CannotRun('interrupted');
      return buildLabelled(docker, `berth-bench/${runId}:${String(i).padStart(4, '0')}`, [`${TEST_LABEL}=${runId}`, `berth.bench.n=${i}`]);
    },
  );
  ctx.defer(async () => {
    await settled(building);
    await removeLabelled(() => docker.listImages({ filters }), (i) => docker.getImage(i.Id).remove({ force: true }));
  });
  await building;
}

async function buildLabelled(docker: Docker, tag: string, labels: string[]): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, `FROM ${FIXTURE_IMAGE}\nLABEL ${labels.join(' ')}\n`);
  pack.finalize();
  // No cache: the classic builder's cache lookup compares each new step with every child of the fixture.
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag, nocache: true });
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(null))));
}

async function createVolumes(ctx: BenchContext, count: number): Promise<void> {
  const { docker, runId } = ctx;
  const filters = { label: [`${TEST_LABEL}=${runId}`] };
  const creating = pool(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    (i) => {
      if (ctx.interrupted()) throw new CannotRun('interrupted');
      return docker.createVolume({ Name: `berth-bench-${runId}-${String(i).padStart(4, '0')}`, Labels: { [TEST_LABEL]: runId } });
    },
  );
  ctx.defer(async () => {
    await settled(creating);
    await removeLabelled(async () => (await docker.listVolumes({ filters })).Volumes ?? [], (v) => docker.getVolume(v.Name).remove());
  });
  await creating;
}
