import type { Page } from 'playwright-core';
import { startServe } from '../e2e/support/app';
import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { CannotRun, launchChromium, newContext, withTimeout, type BenchContext } from './lib';

/**
 * What both terminal benchmarks share: a labelled busybox container, `berth serve`, Chromium on the container's
 * Terminal tab with a live shell, and in-page stamps (a capturing keydown listener for the start, a
 * MutationObserver on xterm's rows for the end) so the figures hold no Playwright round trips.
 */
export async function openTerminalPage(ctx: BenchContext, prefix: string) {
  const container = await createTestContainer(ctx.docker, { name: uniqueName(prefix), start: true });
  const server = await startServe(process.env).catch((err: Error) => {
    throw new CannotRun(`berth serve did not start: ${err.message}`);
  });
  ctx.defer(() => server.stop());
  const browser = await launchChromium(ctx);
  const page = await (await newContext(browser)).newPage();
  // Stage stamps on the WebSocket: the first frame sent after the keydown (the write call) and the first terminal
  // data frame received after it (its MessagePack holds the string "data"; a call's result does not).
  await page.addInitScript(`(() => {
    const W = window.WebSocket;
    const isData = (u8) => { for (let i = 0; i + 3 < u8.length && i < 64; i++) if (u8[i] === 100 && u8[i+1] === 97 && u8[i+2] === 116 && u8[i+3] === 97) return true; return false; };
    class Stamped extends W {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (ev) => {
          const s = window.__termBench;
          if (!s || !(ev.data instanceof ArrayBuffer) || !isData(new Uint8Array(ev.data))) return;
          s.lastDataAt = performance.now();
          if (s.sentAt && !s.recvAt) s.recvAt = s.lastDataAt;
        });
      }
      send(d) {
        const s = window.__termBench;
        if (s && s.keydownAt && !s.sentAt) s.sentAt = performance.now();
        return super.send(d);
      }
    }
    window.WebSocket = Stamped;
  })()`);
  await page.goto(`${server.url}#/containers/${container.id}/terminal`);
  await withTimeout('the terminal to be ready', 20_000, page.waitForSelector('[data-testid="terminal"][data-session-phase="ready"] .xterm-rows'));
  const renderer = await page.getAttribute('.term-view .xterm-host', 'data-renderer');
  await page.click('.term-view .xterm');
  // A string, not a function: tsx's transform would wrap inner functions in a `__name` helper the page lacks.
  await page.evaluate(`(() => {
    const s = { keydownAt: 0, sentAt: 0, recvAt: 0, seenAt: 0, want: null, count: null };
    window.__termBench = s;
    document.addEventListener('keydown', () => { s.keydownAt = performance.now(); s.sentAt = 0; s.recvAt = 0; s.seenAt = 0; }, true);
    const rows = document.querySelector('.term-view .xterm-rows');
    const check = () => {
      if (s.seenAt || !s.want) return;
      const text = rows.textContent || '';
      if (s.want.kind === 'count') {
        let n = 0;
        for (let i = text.indexOf(s.want.ch); i >= 0; i = text.indexOf(s.want.ch, i + 1)) n++;
        s.count = n;
        if (n >= s.want.n) s.seenAt = performance.now();
      } else if (text.includes(s.want.text)) s.seenAt = performance.now();
    };
    s.check = check;
    new MutationObserver(check).observe(rows, { subtree: true, childList: true, characterData: true });
  })()`);
  return { container, page, renderer: renderer ?? 'unknown' };
}

/** The stages of the last keystroke, in ms from its keydown: WebSocket send, data frame received, seen on screen. */
export interface Stages {
  sent: number;
  received: number;
  seen: number;
}

/** ms from the last keydown to the last terminal data frame received so far. */
export async function lastDataFrame(page: Page): Promise<number> {
  return (await page.evaluate(`(() => { const s = window.__termBench; return s.lastDataAt - s.keydownAt; })()`)) as number;
}

export async function lastStages(page: Page): Promise<Stages> {
  return (await page.evaluate(
    `(() => { const s = window.__termBench; return { sent: s.sentAt - s.keydownAt, received: s.recvAt ? s.recvAt - s.keydownAt : NaN, seen: s.seenAt - s.keydownAt }; })()`,
  )) as Stages;
}

/** Sets what the observer waits for, then returns a function that awaits it and gives keydown → seen in ms. */
export async function expectOnScreen(page: Page, want: { kind: 'count'; ch: string; n: number } | { kind: 'text'; text: string }, timeoutMs = 10_000) {
  await page.evaluate(`(() => { const s = window.__termBench; s.want = ${JSON.stringify(want)}; s.seenAt = 0; s.check(); })()`);
  return async () => {
    const handle = await withTimeout(
      'the terminal output',
      timeoutMs,
      page.waitForFunction(
        () => {
          const s = (window as unknown as { __termBench: { seenAt: number; keydownAt: number } }).__termBench;
          return s.seenAt ? s.seenAt - s.keydownAt : 0;
        },
        null,
        { timeout: 0, polling: 'raf' },
      ),
    );
    return (await handle.jsonValue()) as number;
  };
}

export async function countOnScreen(page: Page, ch: string): Promise<number> {
  return (await page.evaluate(`(() => { const t = document.querySelector('.term-view .xterm-rows').textContent || ''; return t.split(${JSON.stringify(ch)}).length - 1; })()`)) as number;
}
