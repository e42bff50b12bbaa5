import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { launchBarePage, type BarePage } from './cdp';
import { CannotRun, withTimeout, type BenchContext } from './lib';
import { serveForBench } from './serve';

/**
 * What both terminal benchmarks share: a labelled busybox container, `berth serve`, a bare Chromium page (see
 * cdp.ts: no DevTools domain that would copy every WebSocket frame) on the container's Terminal tab with a live
 * shell, and in-page stamps so the figures hold no driver round trips:
 * - keydown: a capturing keydown listener (the start);
 * - sent: the first WebSocket frame sent after it (the write call);
 * - received: the first terminal data frame received after that (its MessagePack holds the string "data");
 * - parsed: xterm has parsed output (`window.__berthTermParsed(data)`, called from xterm's write callback);
 * - seen: the first frame xterm draws after parsing the expected text (`window.__berthTermRendered`, xterm's
 *   onRender): the echo is on screen, whichever renderer (DOM or WebGL) draws it.
 * The app calls those two hooks only when a page defines them before it loads; nothing but these benchmarks does.
 */
export async function openTerminalPage(ctx: BenchContext, prefix: string) {
  const container = await createTestContainer(ctx.docker, { name: uniqueName(prefix), start: true });
  const server = await serveForBench(ctx);
  const page = await launchBarePage(ctx);
  await page.addInitScript(`(() => {
    const s = { keydownAt: 0, sentAt: 0, recvAt: 0, parsedAt: 0, lastParsedAt: 0, matchedAt: 0, seenAt: 0, lastDataAt: 0, frames: 0, frameBytes: 0, want: null, carry: '', resolve: null };
    window.__termBench = s;
    const decoder = new TextDecoder();
    // Only the end of a parsed chunk is read (plus the end of the one before it): a 50 MB cat must not be decoded twice.
    window.__berthTermParsed = (data) => {
      const now = performance.now();
      s.lastParsedAt = now;
      if (s.recvAt && !s.parsedAt) s.parsedAt = now;
      if (!s.want || s.matchedAt) return;
      const text = s.carry + decoder.decode(data.subarray(Math.max(0, data.length - 512)));
      s.carry = text.slice(-64);
      if (text.includes(s.want)) s.matchedAt = now;
    };
    window.__berthTermRendered = () => { if (!s.matchedAt || s.seenAt) return; s.seenAt = performance.now(); s.resolve?.(s.seenAt - s.keydownAt); };
    document.addEventListener('keydown', () => { s.keydownAt = performance.now(); s.sentAt = 0; s.recvAt = 0; s.parsedAt = 0; }, true);
    const W = window.WebSocket;
    const isData = (u8) => { for (let i = 0; i + 3 < u8.length && i < 64; i++) if (u8[i] === 100 && u8[i+1] === 97 && u8[i+2] === 116 && u8[i+3] === 97) return true; return false; };
    class Stamped extends W {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (ev) => {
          if (!(ev.data instanceof ArrayBuffer) || !isData(new Uint8Array(ev.data))) return;
          s.lastDataAt = performance.now();
          s.frames++;
          s.frameBytes += ev.data.byteLength;
          if (s.sentAt && !s.recvAt) s.recvAt = s.lastDataAt;
        });
      }
      send(d) { if (s.keydownAt && !s.sentAt) s.sentAt = performance.now(); return super.send(d); }
    }
    window.WebSocket = Stamped;
  })()`);
  await page.goto(`${server.url}#/containers/${container.id}/terminal`);
  await page.waitFor('the terminal to be ready', `!!document.querySelector('.term-view[data-session-phase="ready"] .xterm textarea')`, 20_000);
  const renderer = await page.evaluate<string | null>(`document.querySelector('.term-view .xterm-host')?.getAttribute('data-renderer') ?? null`);
  // What a click on the terminal does: xterm takes keyboard input through its hidden textarea.
  await page.evaluate(`document.querySelector('.term-view .xterm textarea').focus()`);
  if (!(await page.evaluate<boolean>(`document.activeElement === document.querySelector('.term-view .xterm textarea')`))) {
    throw new CannotRun('the terminal did not take the keyboard focus');
  }
  return { container, page, renderer: renderer ?? 'unknown' };
}

/** The stages of the last keystroke, in ms from its keydown (NaN where a stage was not stamped). */
export interface Stages {
  sent: number;
  received: number;
  parsed: number;
  seen: number;
}

/** ms from the last keydown to the last terminal data frame received so far. */
export async function lastDataFrame(page: BarePage): Promise<number> {
  return page.evaluate<number>(`window.__termBench.lastDataAt - window.__termBench.keydownAt`);
}

/** ms from the last keydown to the last output xterm has parsed so far. */
export async function lastParsed(page: BarePage): Promise<number> {
  return page.evaluate<number>(`window.__termBench.lastParsedAt - window.__termBench.keydownAt`);
}

/** Terminal data frames received since the page loaded, and their bytes. */
export async function dataFrames(page: BarePage): Promise<{ frames: number; bytes: number }> {
  return page.evaluate(`({ frames: window.__termBench.frames, bytes: window.__termBench.frameBytes })`);
}

export async function lastStages(page: BarePage): Promise<Stages> {
  return page.evaluate<Stages>(
    `(() => { const s = window.__termBench; const d = (t) => (t ? t - s.keydownAt : NaN); return { sent: d(s.sentAt), received: d(s.recvAt), parsed: d(s.parsedAt), seen: d(s.seenAt) }; })()`,
  );
}

/**
 * Sets the text to wait for (in output parsed after this call), then returns a function that awaits the first frame
 * xterm draws after parsing it and gives keydown → that frame in ms.
 */
export async function expectOnScreen(page: BarePage, text: string, timeoutMs = 10_000) {
  await page.evaluate(
    `(() => { const s = window.__termBench; s.want = ${JSON.stringify(text)}; s.carry = ''; s.matchedAt = 0; s.seenAt = 0; s.done = new Promise((r) => (s.resolve = r)); })()`,
  );
  return () => withTimeout(`${JSON.stringify(text)} drawn in the terminal`, timeoutMs, page.evaluate<number>(`window.__termBench.done`));
}
