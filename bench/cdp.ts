import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CannotRun, withTimeout, type BenchContext } from './lib';

/**
 * A Chromium page driven over the DevTools protocol with nothing enabled but what a benchmark asks for.
 *
 * Why not Playwright here: Playwright enables the Network domain on every page it controls, and Chromium then
 * copies every WebSocket frame, base64-encoded, into a DevTools event, on the page's main thread, and ships it to
 * the driver. For the terminal benchmarks (hundreds of 128 KiB frames a second) that is the tool measuring itself:
 * term-throughput moved 26.5 MB/s into xterm driven this way, 21 MB/s with `Network.enable` added and nothing else
 * changed, 17–19 MB/s through Playwright (same build, same idle machine). A user's window has no DevTools attached.
 *
 * The browser is started with `--remote-debugging-pipe`: no port is opened.
 */
export interface BarePage {
  goto(url: string): Promise<void>;
  /** Runs before any of the page's own scripts, on every navigation (Page.addScriptToEvaluateOnNewDocument). */
  addInitScript(source: string): Promise<void>;
  /** Evaluates an expression in the page (awaiting a promise it returns) and returns its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` every `everyMs` until it is truthy; returns its value. */
  waitFor<T>(what: string, expression: string, timeoutMs: number, everyMs?: number): Promise<T>;
  /** Any other DevTools command, on the page's session (e.g. `HeapProfiler.collectGarbage`). */
  send<T>(method: string, params?: object): Promise<T>;
  /** Types text as one input (IME-style, like Playwright's `keyboard.insertText`). */
  insertText(text: string): Promise<void>;
  /** Clicks the first element matching a CSS selector (a DOM click: no pointer events before it). */
  click(selector: string): Promise<void>;
  /** Focuses the first input matching a CSS selector, selects its text and types `text` over it. */
  fill(selector: string, text: string): Promise<void>;
  /** Writes a PNG of the viewport. */
  screenshot(file: string): Promise<void>;
  /** Presses and releases one key: a single printable character, `Enter`, or `Control+<letter>`. */
  press(key: string): Promise<void>;
  /**
   * With `BERTH_BENCH_PROFILE=<dir>` set, records a CPU profile of the page while `fn` runs into
   * `<dir>/<name>.cpuprofile` (open it in Chromium's DevTools, Performance panel); with `BERTH_BENCH_HEAP=<dir>`, a
   * sampled profile of what it allocates into `<dir>/<name>.heapprofile` (DevTools, Memory panel). Without either,
   * just runs `fn`.
   */
  profiled<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Records a trace of the page's main thread while `fn` runs and returns every task it ran there, with its wall
   * time and its thread (CPU) time. The two differ when the machine does not give the page a core: a task that waits
   * to be scheduled is long by the clock but not by the work in it. With a `name` and `BERTH_BENCH_TRACE=<dir>` set,
   * the full timeline is written to `<dir>/<name>.json`.
   */
  traced<T>(fn: () => Promise<T>, name?: string): Promise<{ value: T; tasks: TracedTask[] }>;
  /**
   * The pid of the renderer process that runs the page's main frame now (from a short trace). Chromium keeps other
   * renderer processes besides it (a spare one, the first tab's), which idle at their own cost.
   */
  rendererPid(): Promise<number>;
  /** Ends the browser and removes its profile (also done at the end of the run). */
  close(): Promise<void>;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--remote-debugging-pipe',
];

export interface TracedTask {
  /** When the task started, on the page's `performance.now()` clock (ms). */
  atMs: number;
  /** Wall time of the task on the page's main thread (ms). */
  wallMs: number;
  /** CPU time the thread spent in it (ms). */
  cpuMs: number;
}

/** The mark `traced` sets in the page to read the trace's clock against the page's `performance.now()`. */
const CLOCK_MARK = 'berth-bench-clock';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  method: string;
}

export async function launchBarePage(ctx: BenchContext, viewport = { width: 1360, height: 820 }): Promise<BarePage> {
  const executablePath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
  const profileDir = mkdtempSync(path.join(tmpdir(), 'berth-bench-chromium-'));
  let child: ChildProcess;
  try {
    child = spawn(executablePath, [...ARGS, `--user-data-dir=${profileDir}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  } catch (err) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new CannotRun(`Chromium at ${executablePath} did not start (${(err as Error).message}); set BERTH_CHROMIUM`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Browser.close shuts down like a user quitting: every helper process ends and the profile is written out.
      if (child.exitCode === null) await send('Browser.close').catch(() => child.kill('SIGTERM'));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    })());
  ctx.defer(close);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));

  // The pipe protocol: JSON messages separated by NUL bytes, written to fd 3, read from fd 4.
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  const eventWaiters = new Map<string, (params: unknown) => void>();
  const traceEvents: unknown[] = [];
  let nextId = 0;
  let buffered = '';
  let gone: Error | null = null;
  const fail = (err: Error) => {
    gone ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  child.once('exit', (code, signal) => fail(new CannotRun(`Chromium exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`)));
  child.once('error', (err) => fail(new CannotRun(`Chromium at ${executablePath} did not start (${err.message}); set BERTH_CHROMIUM`)));
  toBrowser.on('error', (err) => fail(new CannotRun(`the DevTools pipe broke: ${err.message}`)));
  fromBrowser.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const msg = JSON.parse(buffered.slice(0, end)) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      buffered = buffered.slice(end + 1);
      if (msg.method === 'Tracing.dataCollected') for (const e of (msg.params as { value: unknown[] }).value) traceEvents.push(e);
      if (msg.method) eventWaiters.get(msg.method)?.(msg.params);
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) continue; // an event: none is enabled on purpose but tracing's, the browser target may still send some
      pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    }
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });

  const { targetId } = await withTimeout('Chromium to start', 30_000, send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' }));
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  const page = <T>(method: string, params: object = {}) => send<T>(method, params, sessionId);
  await page('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false });
  // To see what the Network domain costs (what Playwright turns on): BERTH_BENCH_CDP_NETWORK=1.
  if (process.env.BERTH_BENCH_CDP_NETWORK === '1') await page('Network.enable');

  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await page<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  const key = async (type: 'keyDown' | 'keyUp', k: KeyDef, modifiers: number, withText: boolean) =>
    page('Input.dispatchKeyEvent', {
      type,
      key: k.key,
      code: k.code,
      windowsVirtualKeyCode: k.keyCode,
      modifiers,
      ...(type === 'keyDown' && withText && k.text ? { text: k.text, unmodifiedText: k.text } : {}),
    });

  const bare: BarePage = {
    async goto(url) {
      await page('Page.navigate', { url });
    },
    async addInitScript(source) {
      await page('Page.enable'); // the script is not injected without it (its events are few: frames, lifecycle)
      await page('Page.addScriptToEvaluateOnNewDocument', { source });
    },
    evaluate,
    send: page,
    close,
    async waitFor<T>(what: string, expression: string, timeoutMs: number, everyMs = 50) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const v = await evaluate<T>(expression).catch(() => undefined); // the page may be navigating
        if (v) return v;
        if (performance.now() > deadline) throw new CannotRun(`${what}: nothing after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, everyMs));
      }
    },
    async insertText(text) {
      await page('Input.insertText', { text });
    },
    async click(selector) {
      const found = await evaluate<boolean>(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.click(); return true; })()`);
      if (!found) throw new CannotRun(`nothing matches ${selector} to click`);
    },
    async fill(selector, text) {
      const found = await evaluate<boolean>(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.focus(); el.select(); return true; })()`);
      if (!found) throw new CannotRun(`nothing matches ${selector} to fill`);
      if (text) await page('Input.insertText', { text });
      else await key('keyDown', DELETE, 0, false).then(() => key('keyUp', DELETE, 0, false));
    },
    async screenshot(file) {
      const { data } = await page<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(file, Buffer.from(data, 'base64'));
    },
    async press(spec) {
      const parts = spec.split('+');
      const main = keyDef(parts.pop()!);
      const ctrl = parts.includes('Control');
      if (parts.some((p) => p !== 'Control')) throw new Error(`press: only Control+<key> is supported, not ${spec}`);
      if (ctrl) await key('keyDown', CONTROL, 2, false);
      await key('keyDown', main, ctrl ? 2 : 0, !ctrl);
      await key('keyUp', main, ctrl ? 2 : 0, false);
      if (ctrl) await key('keyUp', CONTROL, 0, false);
    },
    async traced<T>(fn: () => Promise<T>, name?: string) {
      traceEvents.length = 0;
      // With BERTH_BENCH_TRACE=<dir>, the whole timeline (style, layout, paint, scripts) goes to <dir>/<name>.json
      // (open it in DevTools' Performance panel or ui.perfetto.dev); else only the task events are recorded.
      const dir = name ? process.env.BERTH_BENCH_TRACE : undefined;
      const categories = dir ? [...(process.env.BERTH_BENCH_TRACE_MORE ?? '').split(',').filter(Boolean), 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', '__metadata'] : ['disabled-by-default-devtools.timeline', 'blink.user_timing', '__metadata'];
      await page('Tracing.start', { traceConfig: { includedCategories: categories, recordMode: 'recordContinuously' } });
      // A mark in the page: the trace stamps it on its own clock, the page gives its performance.now(); the two
      // together put the tasks on the page's clock, beside the times the page measured.
      const markAt = await evaluate<number>(`performance.mark(${JSON.stringify(CLOCK_MARK)}).startTime`);
      const value = await fn();
      const done = new Promise<void>((resolve) => eventWaiters.set('Tracing.tracingComplete', () => resolve()));
      await page('Tracing.end');
      await withTimeout('the trace', 60_000, done);
      eventWaiters.delete('Tracing.tracingComplete');
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ traceEvents }));
        console.log(`  (trace of the page: ${path.join(dir, `${name}.json`)})`);
      }
      const mark = (traceEvents as TraceEvent[]).find((e) => e.name === CLOCK_MARK && e.cat === 'blink.user_timing');
      if (!mark) throw new CannotRun(`the trace has no ${CLOCK_MARK} mark: its tasks cannot be put on the page's clock`);
      return { value, tasks: mainThreadTasks(traceEvents as TraceEvent[], mark.ts / 1000 - markAt) };
    },
    async rendererPid() {
      await bare.traced(() => new Promise((r) => setTimeout(r, 50)));
      const events = traceEvents as TraceEvent[];
      const frames = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
      const main = frames.find((f) => f.isOutermostMainFrame) ?? frames[0];
      if (main?.processId) return main.processId;
      const thread = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      if (!thread) throw new CannotRun("a trace of the page named no renderer process: the page's CPU cannot be told apart");
      return thread.pid;
    },
    async profiled<T>(name: string, fn: () => Promise<T>) {
      const cpuDir = process.env.BERTH_BENCH_PROFILE;
      const heapDir = process.env.BERTH_BENCH_HEAP;
      if (cpuDir) {
        await page('Profiler.enable');
        await page('Profiler.setSamplingInterval', { interval: 200 });
        await page('Profiler.start');
      }
      if (heapDir) {
        // What the page allocates while `fn` runs, by function, garbage included: the collector's pauses in a
        // scroll's frames are paid for by what its frames allocate.
        await page('HeapProfiler.enable');
        await page('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
      try {
        return await fn();
      } finally {
        if (cpuDir) {
          const { profile } = await page<{ profile: unknown }>('Profiler.stop');
          await page('Profiler.disable');
          mkdirSync(cpuDir, { recursive: true });
          writeFileSync(path.join(cpuDir, `${name}.cpuprofile`), JSON.stringify(profile));
          console.log(`  (CPU profile of the page: ${path.join(cpuDir, `${name}.cpuprofile`)})`);
        }
        if (heapDir) {
          const { profile } = await page<{ profile: unknown }>('HeapProfiler.stopSampling');
          await page('HeapProfiler.disable');
          mkdirSync(heapDir, { recursive: true });
          writeFileSync(path.join(heapDir, `${name}.heapprofile`), JSON.stringify(profile));
          console.log(`  (allocation profile of the page: ${path.join(heapDir, `${name}.heapprofile`)})`);
        }
      }
    },
  };
  return bare;
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; isOutermostMainFrame?: boolean }[] } };
}

/**
 * The tasks run on the renderer's main thread (`CrRendererMain`), from a trace's `RunTask` events (µs → ms), in
 * order; `offsetMs` is the trace's clock minus the page's.
 */
function mainThreadTasks(events: readonly TraceEvent[], offsetMs: number): TracedTask[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ atMs: e.ts / 1000 - offsetMs, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 }))
    .sort((a, b) => a.atMs - b.atMs);
}

interface KeyDef {
  key: string;
  code: string;
  keyCode: number;
  text?: string;
}

const CONTROL: KeyDef = { key: 'Control', code: 'ControlLeft', keyCode: 17 };
const DELETE: KeyDef = { key: 'Delete', code: 'Delete', keyCode: 46 };

function keyDef(name: string): KeyDef {
  if (name === 'Enter') return { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' };
  if (/^[a-z]$/i.test(name)) {
    const upper = name.toUpperCase();
    return {
      key: name,
      code: `Key${upper}`,
      keyCode: upper.charCodeAt(0),
      text: name,
    };
  }
  throw new Error(`press: no key definition for ${JSON.stringify(name)}`);
}
