import { expect, test } from '@playwright/test';
import { PackedValue } from '../preload/contract/packed';
import { decodeServerFrame } from '../preload/contract/wire-decode';
import { createTestContainer, testDocker, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';
import { setPageVisibility } from './support/visibility';

const docker = testDocker();
const app = useApp({ docker });

/** A little steady work (a short write every ~0.3 s) so the charts have something to draw, without hogging a CPU. */
const BUSY = ['sh', '-c', 'while :; do dd if=/dev/zero of=/tmp/x bs=64k count=32 2>/dev/null; sleep 0.3; done'];
const PERCENT = /^\d+(\.\d)?%$/;
const BYTES = /^\d+(\.\d)? (B|KiB|MiB|GiB)$/;

test('the list shows CPU and memory of a running row; the Stats tab draws live charts with numbers; stopping says so', async () => {
  const name = uniqueName('stats');
  const c = await createTestContainer(docker, { name, cmd: BUSY, start: true });
  await app.start();
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  const row = page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);
  await expect(row.getByTestId('stats-cell-cpu')).toHaveText(PERCENT, { timeout: 15_000 });
  await expect(row.getByTestId('stats-cell-memory')).toHaveText(BYTES);
  await expect(page.getByTestId('stats-totals')).toHaveText(/^\d+(\.\d)?% · \d+(\.\d)? (B|KiB|MiB|GiB)$/);
  await page.waitForTimeout(4000); // a sparkline needs two readings
  await page.screenshot({ path: 'docs/screenshots/stats-list-light.png' });

  await row.getByRole('link', { name }).click();
  const opened = await page.evaluate(() => Date.now());
  await page.getByRole('tab', { name: 'Stats' }).click();
  // The chart starts with what the list read in the seconds before (not empty): its oldest point predates the tab.
  await expect
    .poll(async () => Number((await page.getByTestId('stats-chart-cpu').getAttribute('data-since')) ?? Infinity), {
      message: 'the CPU chart starts from readings taken before it opened',
    })
    .toBeLessThan(opened - 2000);
  for (const chart of ['cpu', 'memory', 'net', 'block', 'pids']) {
    await expect(page.getByTestId(`stats-chart-${chart}`).locator('canvas')).toBeVisible();
  }
  await expect(page.getByTestId('stats-cpu-value')).toHaveText(PERCENT, { timeout: 15_000 });
  await expect(page.getByTestId('stats-memory-value')).toHaveText(BYTES);
  await expect(page.getByTestId('stats-pids-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('stats-net-value')).toHaveText(/^↓ \d/);
  // The chart has drawn a line: its canvas is no longer blank where the CPU series runs.
  await expect
    .poll(() => page.getByTestId('stats-chart-cpu').locator('canvas').evaluate((el) => (el as HTMLCanvasElement).toDataURL().length), { timeout: 15_000 })
    .toBeGreaterThan(3000);
  await page.waitForTimeout(10_000); // a few more readings, for a picture worth looking at
  await page.screenshot({ path: 'docs/screenshots/stats-light.png' });

  await c.stop({ t: 0 });
  await expect(page.getByTestId('stats-stopped')).toBeVisible();
  await expect(page.getByTestId('stats-cpu-value')).toHaveText('—');
});

test('stats in the dark theme (screenshot)', async () => {
  const name = uniqueName('stats-dark');
  const c = await createTestContainer(docker, { name, cmd: BUSY, start: true });
  await app.start(process.env, { colorScheme: 'dark' });
  await app.page.evaluate((id) => (location.hash = `#/containers/${id}/stats`), c.id);
  await expect(app.page.getByTestId('stats-cpu-value')).toHaveText(PERCENT, { timeout: 15_000 });
  await app.page.waitForTimeout(10_000);
  await app.page.screenshot({ path: 'docs/screenshots/stats-dark.png' });
});

test('a hidden page reads no stats; shown again, the readings resume', async () => {
  const name = uniqueName('stats-hidden');
  await createTestContainer(docker, { name, cmd: BUSY, start: true });
  await app.start();
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  const row = page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);
  await expect(row.getByTestId('stats-cell-cpu')).toHaveText(PERCENT, { timeout: 15_000 });

  // Stats batches reaching the page, told apart from other streams' messages by their packing (packed.ts).
  let statsFrames = 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e: { response: { opcode: number; payloadData: string } }) => {
    if (e.response.opcode !== 2) return;
    try {
      const msg = decodeServerFrame(Buffer.from(e.response.payloadData, 'base64'));
      if (msg.t === 'next' && msg.value instanceof PackedValue && msg.value.name === 'stats') statsFrames += 1;
    } catch {
      // not one of ours
    }
  });
  await expect.poll(() => statsFrames, { message: 'stats arrive while the page is shown', timeout: 15_000 }).toBeGreaterThan(0);

  // Hidden (what a browser or Electron tells a hidden tab or minimised window).
  await setPageVisibility(page, 'hidden');
  await page.waitForTimeout(1000); // a batch already on the wire may still land
  const whenHidden = statsFrames;
  await page.waitForTimeout(6000); // three rounds at the 2 s interval
  expect(statsFrames, 'stats batches received while hidden').toBe(whenHidden);

  await setPageVisibility(page, 'visible');
  await expect.poll(() => statsFrames, { message: 'stats resume when the page is shown', timeout: 15_000 }).toBeGreaterThan(whenHidden);
});
