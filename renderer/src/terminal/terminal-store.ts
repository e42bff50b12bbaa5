import { create } from 'zustand';
import type { BerthErrorShape, DebugShellMessage, TerminalMessage, Unsubscribe } from '../../../preload/contract';
import { berth } from '../api';
import { chunkLoader } from '../shell/chunk-load';
import type * as XtermSetup from './xterm-setup';
import type { Xterm } from './xterm-setup';
import { OutputFeed } from './output-feed';
import { chunkBytes, type SessionStatus } from './terminal-screen';
import { withClosed, withOpened, withShown } from './session-map';

/** Mirrors TERMINAL_MAX_WRITE / TERMINAL_ACK_STEP in preload/contract/terminal.ts (the renderer imports types only). */
const MAX_WRITE = 64 * 1024;
const ACK_STEP = 128 * 1024;

export interface TerminalTarget {
  engineId: string;
  containerId: string;
  containerName: string;
}

export interface OpenOptions {
  mode?: 'exec' | 'attach';
  /** A debug shell: a helper container from the toolbox image, beside the container (debugShell.open). */
  debug?: boolean;
  command?: 'auto' | string[];
  user?: string;
  workingDir?: string;
}

export interface TermSession extends TerminalTarget, SessionStatus {
  /** Renderer-side key; stays the same across reconnects (main's session id changes). */
  key: string;
  /** Its xterm exists (xterm.js loads with the first terminal; see loadXterm). */
  ready: boolean;
  options: OpenOptions;
  /** What runs: 'sh', 'bash', the command, 'attach' or 'debug'. */
  title: string;
  /** For a debug shell, once its helper runs: what it reaches (live: processes, network, files; files: a copy). */
  debugReach: { reach: 'live' | 'files'; toolbox: string; workingDir: string } | null;
}

interface TerminalStore {
  sessions: ReadonlyMap<string, TermSession>;
  /** The session shown per container in its Terminal tab, by objectKey(engineId, containerId) (see session-map). */
  activeByContainer: ReadonlyMap<string, string>;
  /** The session shown in the bottom panel. */
  panelActive: string | null;
  panelOpen: boolean;
  fontSize: number;
}

export const useTerminals = create<TerminalStore>()(() => ({
  sessions: new Map(),
  activeByContainer: new Map(),
  panelActive: null,
  panelOpen: false,
  fontSize: readFontSize(),
}));

/** What lives outside React and outside the store: the xterm instance and the stream behind each session. */
interface Runtime {
  xterm: Xterm;
  /** The engine the session runs on: main knows a session by engine and session id. */
  engineId: string;
  sessionId: string | null;
  unsubscribe: Unsubscribe | null;
  /** Keystrokes typed before the session was ready. */
  early: Uint8Array[];
  consumed: number;
  /** Output on its way into xterm, tagged with the session it came from. */
  feed: OutputFeed<string | null>;
  /** Writes go one after another, so bytes reach the process in the order typed. */
  writing: Promise<unknown>;
  opened: boolean;
}
const runtimes = new Map<string, Runtime>();
let counter = 0;
const encoder = new TextEncoder();

function patch(key: string, p: Partial<TermSession>) {
  useTerminals.setState((s) => {
    const cur = s.sessions.get(key);
    if (!cur) return {};
    const sessions = new Map(s.sessions);
    sessions.set(key, { ...cur, ...p });
    return { sessions };
  });
}

/**
 * The terminal benchmarks (bench/term-support.ts) define these before the app loads, to time when xterm has parsed
 * output and when it has drawn it, whichever renderer draws. Nothing else defines them; without them this is one
 * lookup per write.
 */
interface BenchHooks {
  __berthTermParsed?: (data: Uint8Array) => void;
  __berthTermRendered?: () => void;
}
const hooks = () => window as BenchHooks;

function titleOf(options: OpenOptions): string {
  if (options.debug) return 'shell';
  if (options.mode === 'attach') return 'attach';
  return options.command && options.command !== 'auto' ? options.command.join(' ') : 'shell';
}

type XtermModule = typeof XtermSetup;
let xtermModule: XtermModule | null = null;

/**
 * xterm.js and its addons (about a third of the app's code) are not in the first bundle, which every window start
 * parses: they load with the first terminal opened, or when the app is idle after its first screen.
 */
export const loadXterm: () => Promise<XtermModule> = chunkLoader(() => import('./xterm-setup').then((m) => (xtermModule = m)));

// Loaded ahead of need once the first screen is up and the page is idle, so the first terminal opens at once.
setTimeout(() => {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => void loadXterm().catch(() => undefined));
  else void loadXterm().catch(() => undefined);
}, 3000);

/** Adds a session (its stream starts once its view is on screen and knows its size) and makes it the active one. */
export function openTerminal(target: TerminalTarget, options: OpenOptions = {}): string {
  const key = `t${++counter}`;
  const session: TermSession = {
    ...target,
    key,
    ready: false,
    options,
    title: titleOf(options),
    debugReach: null,
    phase: 'opening',
    exitCode: null,
    containerRunning: true,
    error: null,
  };
  useTerminals.setState((s) => ({ ...withOpened(s, session), panelActive: key }));
  if (xtermModule) createRuntime(key, xtermModule);
  else
    loadXterm().then(
      (m) => createRuntime(key, m),
      (err: unknown) => patch(key, { phase: 'failed', error: { code: 'INTERNAL', message: `The terminal could not load: ${String((err as Error)?.message ?? err)}` } }),
    );
  return key;
}

function createRuntime(key: string, m: XtermModule): void {
  if (!useTerminals.getState().sessions.has(key)) return; // closed while xterm.js loaded
  const xterm = m.createXterm(useTerminals.getState().fontSize);
  const feed = new OutputFeed<string | null>({
    // Raw bytes: xterm's parser joins UTF-8 characters split across chunks.
    write: (data, done) =>
      xterm.term.write(data, () => {
        hooks().__berthTermParsed?.(data);
        done();
      }),
    consumed: (items) => acknowledge(rt, items),
  });
  const engineId = useTerminals.getState().sessions.get(key)!.engineId;
  const rt: Runtime = { xterm, engineId, sessionId: null, unsubscribe: null, early: [], consumed: 0, feed, writing: Promise.resolve(), opened: false };
  runtimes.set(key, rt);
  if (hooks().__berthTermRendered) xterm.term.onRender(() => hooks().__berthTermRendered?.());
  xterm.term.onData((s) => send(key, encoder.encode(s)));
  xterm.term.onBinary((s) => send(key, Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff)));
  xterm.term.onResize(({ cols, rows }) => {
    if (rt.sessionId) berth.terminal.resize({ engineId: rt.engineId, sessionId: rt.sessionId, cols, rows }).catch(() => undefined);
  });
  patch(key, { ready: true });
}

export function runtimeOf(key: string): Xterm | undefined {
  return runtimes.get(key)?.xterm;
}

/** Starts (or restarts) the stream behind a session, sized like its xterm. Called by the view once it is laid out. */
export function connect(key: string): void {
  const rt = runtimes.get(key);
  const session = useTerminals.getState().sessions.get(key);
  if (!rt || !session) return;
  rt.unsubscribe?.();
  rt.sessionId = null;
  rt.consumed = 0;
  rt.opened = true;
  patch(key, { phase: 'opening', error: null, exitCode: null });
  const { term } = rt.xterm;
  const o = session.options;
  const handlers = {
    next: (m: DebugShellMessage) => onMessage(key, rt, m),
    error: (error: BerthErrorShape) => {
      rt.sessionId = null;
      rt.unsubscribe = null;
      patch(key, { phase: 'failed', error });
    },
    complete: () => {
      rt.sessionId = null;
      rt.unsubscribe = null;
    },
  };
  rt.unsubscribe = o.debug
    ? berth.debugShell.open({ engineId: session.engineId, containerId: session.containerId, cols: term.cols, rows: term.rows }, handlers)
    : berth.terminal.open(
        {
          engineId: session.engineId,
          containerId: session.containerId,
          mode: o.mode ?? 'exec',
          command: o.command ?? 'auto',
          ...(o.user ? { user: o.user } : {}),
          ...(o.workingDir ? { workingDir: o.workingDir } : {}),
          cols: term.cols,
          rows: term.rows,
        },
        handlers,
      );
}

/** The first line of a debug shell: what the helper is and what it can reach. */
function debugBanner(name: string, m: Extract<DebugShellMessage, { type: 'debug' }>): string {
  const dim = (s: string) => `\x1b[2m── ${s} ──\x1b[0m\r\n`;
  if (m.reach === 'live') {
    return dim(`debug shell: a helper from ${m.toolbox} shares ${name}'s processes (ps) and network; ${name}'s files are here, at ${m.workingDir}. Closing this tab removes the helper; ${name} is not changed`);
  }
  return dim(`${name} is stopped: no processes to see. Its files were copied to ${m.workingDir} (edits stay in the helper); nothing of ${name} was started or committed. Closing this tab removes the helper`);
}

function onMessage(key: string, rt: Runtime, m: DebugShellMessage | TerminalMessage) {
  switch (m.type) {
    case 'debug': {
      const name = useTerminals.getState().sessions.get(key)?.containerName ?? 'the container';
      patch(key, { debugReach: { reach: m.reach, toolbox: m.toolbox, workingDir: m.workingDir } });
      rt.xterm.term.write(debugBanner(name, m));
      break;
    }
    case 'ready': {
      rt.sessionId = m.sessionId;
      const debug = useTerminals.getState().sessions.get(key)?.options.debug;
      const title = debug ? 'shell' : m.mode === 'attach' ? 'attach' : m.shell.join(' ');
      patch(key, { phase: 'ready', title });
      if (m.mode === 'attach') {
        // Attaching shows nothing until the process writes again: say what this is and how to leave it.
        const name = useTerminals.getState().sessions.get(key)?.containerName ?? 'the container';
        rt.xterm.term.write(`\x1b[2m── attached to the main process of ${name}; closing this tab detaches, the container keeps running ──\x1b[0m\r\n`);
      }
      const early = rt.early;
      rt.early = [];
      for (const d of early) send(key, d);
      // The view may have been resized while the exec started.
      const { cols, rows } = rt.xterm.term;
      berth.terminal.resize({ engineId: rt.engineId, sessionId: m.sessionId, cols, rows }).catch(() => undefined);
      break;
    }
    case 'data':
      rt.feed.push(m.data, rt.sessionId);
      break;
    case 'exit':
      rt.sessionId = null;
      patch(key, { phase: 'exited', exitCode: m.code, containerRunning: m.containerRunning });
      break;
  }
}

/** Acknowledges output xterm has consumed, in ACK_STEP steps; only bytes of the live session (a reconnect starts a new count). */
function acknowledge(rt: Runtime, items: readonly { data: Uint8Array; tag: string | null }[]) {
  for (const item of items) if (item.tag && item.tag === rt.sessionId) rt.consumed += item.data.byteLength;
  const sessionId = rt.sessionId;
  if (sessionId && rt.consumed >= ACK_STEP) {
    const bytes = rt.consumed;
    rt.consumed = 0;
    berth.terminal.ack({ engineId: rt.engineId, sessionId, bytes }).catch(() => undefined);
  }
}

function send(key: string, data: Uint8Array) {
  const rt = runtimes.get(key);
  if (!rt) return;
  if (!rt.sessionId) {
    if (useTerminals.getState().sessions.get(key)?.phase === 'opening') rt.early.push(data);
    return;
  }
  const sessionId = rt.sessionId;
  for (const piece of chunkBytes(data, MAX_WRITE)) {
    rt.writing = rt.writing.then(() => berth.terminal.write({ engineId: rt.engineId, sessionId, data: piece as Uint8Array<ArrayBuffer> })).catch(() => undefined);
  }
}

/**
 * Ends the session and forgets it: an exec's process is killed in the container; an attach session only drops its
 * connection (detach: nothing is typed into the main process, which keeps running).
 */
export function closeTerminal(key: string): void {
  const rt = runtimes.get(key);
  rt?.unsubscribe?.();
  rt?.feed.dispose();
  rt?.xterm.dispose();
  runtimes.delete(key);
  useTerminals.setState((s) => {
    const { sessions, activeByContainer } = withClosed(s, key);
    const panelActive = s.panelActive === key ? ([...sessions.keys()].at(-1) ?? null) : s.panelActive;
    // Closing the last tab puts the panel away: an empty panel would only take the page's height.
    return { sessions, activeByContainer, panelActive, panelOpen: sessions.size > 0 && s.panelOpen };
  });
}

/** Opens a new stream for a finished session in the same xterm, keeping what it showed. */
export function reconnect(key: string): void {
  const rt = runtimes.get(key);
  if (!rt) return;
  rt.xterm.term.write('\r\n\x1b[2m── reconnected ──\x1b[0m\r\n');
  connect(key);
}

export function isConnected(key: string): boolean {
  return runtimes.get(key)?.opened ?? false;
}

export function showInContainer(engineId: string, containerId: string, key: string) {
  useTerminals.setState((s) => ({ activeByContainer: withShown(s.activeByContainer, engineId, containerId, key) }));
}

export function showInPanel(key: string) {
  useTerminals.setState({ panelActive: key });
}

export function togglePanel(open = !useTerminals.getState().panelOpen) {
  useTerminals.setState({ panelOpen: open });
}

const FONT_KEY = 'berth.terminal.fontSize';
function readFontSize(): number {
  try {
    const n = Number(localStorage.getItem(FONT_KEY));
    return n >= 8 && n <= 32 ? n : 13;
  } catch {
    return 13;
  }
}

export function changeFontSize(delta: number) {
  const fontSize = Math.min(32, Math.max(8, useTerminals.getState().fontSize + delta));
  try {
    localStorage.setItem(FONT_KEY, String(fontSize));
  } catch {
    // not remembered
  }
  useTerminals.setState({ fontSize });
  for (const rt of runtimes.values()) rt.xterm.setFontSize(fontSize);
}
