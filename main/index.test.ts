import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

// A fake `electron` main-process module: enough surface for main/index.ts and transports/electron-ipc.ts, recording
// what the app asks of it.
const fake = vi.hoisted(() => {
  type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // node:events is not importable inside vi.hoisted; a tiny emitter is enough.
  class Emitter {
    private readonly ls = new Map<string, Fn[]>();
    on(name: string, fn: Fn) {
      this.ls.set(name, [...(this.ls.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Fn) {
      const wrapped: Fn = (...a) => {
        this.ls.set(name, (this.ls.get(name) ?? []).filter((f) => f !== wrapped));
        fn(...a);
      };
      return this.on(name, wrapped);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.ls.get(name) ?? []) fn(...args);
      return (this.ls.get(name) ?? []).length > 0;
    }
    removeAllListeners() {
      this.ls.clear();
      return this;
    }
    listenerCount(name: string) {
      return (this.ls.get(name) ?? []).length;
    }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    readonly loaded: { file?: string; url?: string }[] = [];
    readonly webContents = Object.assign(new Emitter(), {
      id: 1,
      isDestroyed: () => false,
      send() {},
      setWindowOpenHandler() {},
      mainFrame: { parent: null, processId: 1, routingId: 1, url: '' },
    });
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    loadFile(file: string) {
      this.loaded.push({ file });
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded.push({ url });
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    static getAllWindows() {
      return windows;
    }
  }
  let resolveReady: () => void = () => {};
  const app = Object.assign(new Emitter(), {
    lock: true,
    isPackaged: false,
    quits: 0,
    exits: [] as number[],
    sandboxed: false,
    requestSingleInstanceLock: () => app.lock,
    quit() {
      app.quits++;
      // Like Electron: quitting emits will-quit, which a listener may hold with preventDefault.
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    },
    exit(code: number) {
      app.exits.push(code);
    },
    enableSandbox() {
      app.sandboxed = true;
    },
    setAppUserModelId() {},
    getAppPath: () => '/opt/berth',
    whenReady: () => new Promise<void>((r) => (resolveReady = r)),
    ready: () => resolveReady(),
  });
  const ipcHandles = new Map<string, Fn>();
  const ipcOn = new Map<string, Fn>();
  const menus: unknown[] = [];
  const errors: string[][] = [];
  return {
    app,
    windows,
    menus,
    errors,
    ipcHandles,
    ipcOn,
    electron: {
      app,
      BrowserWindow: FakeWindow,
      Menu: {
        buildFromTemplate: (t: unknown) => t,
        setApplicationMenu: (m: unknown) => menus.push(m),
      },
      dialog: { showErrorBox: (title: string, body: string) => errors.push([title, body]) },
      shell: { openExternal: vi.fn(async () => {}) },
      session: {
        defaultSession: {
          webRequest: { onHeadersReceived: vi.fn() },
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
        },
      },
      ipcMain: {
        handle: (c: string, fn: Fn) => ipcHandles.set(c, fn),
        on: (c: string, fn: Fn) => ipcOn.set(c, fn),
        removeHandler: (c: string) => ipcHandles.delete(c),
        removeAllListeners: (c: string) => ipcOn.delete(c),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

const backend = vi.hoisted(() => ({
  close: vi.fn(async () => {}),
  router: { call: vi.fn(), subscribe: vi.fn(), disposeClient: vi.fn(() => 0) },
  fail: false,
}));
vi.mock('./backend', () => ({
  createBackend: async () => {
    if (backend.fail) throw new Error('no engine config');
    return { router: backend.router, close: backend.close };
  },
}));

const {
  CSP,
  windowOptions,
  isAllowedExternalUrl,
  isAppUrl,
  isOwnDocument,
  devUrlFrom,
  isPermissionAllowed,
  menuTemplate,
  hardenContents,
  secureSession,
  startApp,
} = await import('./index');

const here = path.dirname(fileURLToPath(import.meta.url));
const loc = { rendererIndex: '/opt/berth/dist/renderer/index.html' };
const INDEX_URL = 'file:///opt/berth/dist/renderer/index.html';

describe('window security', () => {
  it('isolates the renderer: context isolation, sandbox, no node, web security, no webview', () => {
    const opts = windowOptions('/opt/berth/dist/preload/index.cjs');
    expect(opts.webPreferences).toMatchObject({
      preload: '/opt/berth/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(opts.show).toBe(false);
  });

  it("the CSP header is renderer/index.html's meta policy plus frame-ancestors (which a meta tag cannot carry)", () => {
    const html = readFileSync(path.join(here, '../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string) => policy.split(';').map((d) => d.trim()).filter(Boolean).sort();
    const metaDirectives = directives(meta!).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(CSP)).toEqual([...metaDirectives, "frame-ancestors 'none'"].sort());
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
  });
});

describe('URL rules', () => {
  it('opens externally only https, and http on localhost / 127.0.0.1', () => {
    for (const ok of ['https://docs.docker.com/', 'http://localhost:8080/', 'http://127.0.0.1:3000/x?y=1', 'https://10.0.0.5:8443/']) {
      expect(isAllowedExternalUrl(ok), ok).toBe(true);
    }
    for (const no of [
      'http://example.com/',
      'http://192.168.1.10:8080/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(no), no).toBe(false);
    }
  });

  it('recognises our renderer by file location (or the dev server origin)', () => {
    expect(isAppUrl(INDEX_URL, loc)).toBe(true);
    expect(isAppUrl(`${INDEX_URL}#/containers`, loc)).toBe(true);
    expect(isAppUrl('file:///opt/berth/dist/renderer/assets/app.js', loc)).toBe(true);
    expect(isAppUrl('file:///opt/berth/dist/renderer/../../secret.html', loc)).toBe(false);
    expect(isAppUrl('file:///opt/berth/dist/renderer-evil/index.html', loc)).toBe(false);
    expect(isAppUrl('file:///tmp/index.html', loc)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', loc)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { ...loc, devUrl: 'http://localhost:5173/' })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { ...loc, devUrl: 'http://localhost:5173/' })).toBe(false);
    expect(isOwnDocument(INDEX_URL, loc)).toBe(true);
    expect(isOwnDocument('file:///opt/berth/dist/renderer/other.html', loc)).toBe(false);
  });

  it('takes a dev URL only unpackaged and only on this machine', () => {
    expect(devUrlFrom({ BERTH_DEV_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devUrlFrom({ BERTH_DEV_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devUrlFrom({ BERTH_DEV_URL: 'http://evil.example:5173' }, false)).toBeUndefined();
    expect(devUrlFrom({}, false)).toBeUndefined();
  });

  it('grants no permission except clipboard writes from our own page', () => {
    expect(isPermissionAllowed('media', INDEX_URL, loc)).toBe(false);
    expect(isPermissionAllowed('notifications', INDEX_URL, loc)).toBe(false);
    expect(isPermissionAllowed('clipboard-read', INDEX_URL, loc)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', INDEX_URL, loc)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', loc)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, loc)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  class Contents extends EventEmitter {
    openHandler: ((d: { url: string }) => { action: string }) | undefined;
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
  }
  const openExternal = fake.electron.shell.openExternal;
  const navigate = (c: Contents, event: string, url: string) => {
    const e = { preventDefault: vi.fn() };
    c.emit(event, e, url);
    return e.preventDefault.mock.calls.length > 0;
  };
  beforeEach(() => openExternal.mockClear());

  it('blocks navigation away from the renderer; allowed links go to the browser instead', () => {
    const c = new Contents();
    hardenContents(c as unknown as WebContents, loc);
    expect(navigate(c, 'will-navigate', INDEX_URL)).toBe(false);
    expect(navigate(c, 'will-navigate', 'https://docs.docker.com/')).toBe(true);
    expect(navigate(c, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(c, 'will-navigate', 'file:///opt/berth/dist/renderer/other.html')).toBe(true);
    expect(navigate(c, 'will-navigate', 'http://example.com/')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://docs.docker.com/']]);
    expect(navigate(c, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate(c, 'will-attach-webview', 'about:blank')).toBe(true);
  });

  it('denies every window.open; only allow-listed URLs are opened externally', () => {
    const c = new Contents();
    hardenContents(c as unknown as WebContents, loc);
    for (const url of ['http://localhost:8080/', INDEX_URL, 'javascript:alert(1)', 'file:///etc/passwd', 'about:blank']) {
      expect(c.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['http://localhost:8080/']]);
  });

  it('the session sends the CSP header (replacing any other) and refuses permission requests', () => {
    const ses = fake.electron.session.defaultSession;
    secureSession(ses as unknown as Session, loc);
    const onHeaders = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: unknown) => void) => void;
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    onHeaders({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } }, (r) => (out = r as typeof out));
    expect(out?.responseHeaders).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CSP] });

    const onRequest = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (...a: unknown[]) => void;
    const answers: boolean[] = [];
    onRequest({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: INDEX_URL });
    onRequest({}, 'geolocation', (granted: boolean) => answers.push(granted), { requestingUrl: INDEX_URL });
    expect(answers).toEqual([false, false]);
    const onCheck = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(onCheck({}, 'notifications', 'file://', { requestingUrl: INDEX_URL })).toBe(false);
  });
});

describe('menu', () => {
  const roles = (items: { role?: string; label?: string; submenu?: unknown }[]) => items.map((i) => i.role ?? i.label);
  it('has Edit (copy/paste), View (reload, devtools) and Window', () => {
    const linux = menuTemplate('linux');
    expect(roles(linux)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu']);
    const view = linux.find((i) => i.label === 'View')?.submenu as { role?: string }[];
    expect(view.map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(menuTemplate('darwin'))[0]).toBe('appMenu');
  });
});

describe('startApp', () => {
  const platform = process.platform;
  const setPlatform = (p: string) => Object.defineProperty(process, 'platform', { value: p, configurable: true });
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  };

  beforeEach(() => {
    fake.app.removeAllListeners();
    fake.app.lock = true;
    fake.app.quits = 0;
    fake.app.exits.length = 0;
    fake.windows.length = 0;
    fake.menus.length = 0;
    fake.errors.length = 0;
    fake.ipcHandles.clear();
    fake.ipcOn.clear();
    backend.close.mockClear();
    backend.fail = false;
  });
  afterEach(() => setPlatform(platform));

  it('a second instance quits without creating anything', async () => {
    fake.app.lock = false;
    startApp();
    fake.app.ready();
    await flush();
    expect(fake.app.quits).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(fake.ipcHandles.size).toBe(0);
  });

  it('starts sandboxed, wires IPC before the window loads the built renderer with the preload', async () => {
    setPlatform('linux');
    startApp();
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.windows).toEqual([]);
    fake.app.ready();
    await flush();
    expect([...fake.ipcHandles.keys()]).toEqual(['berth:call']);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toEqual(windowOptions('/opt/berth/dist/preload/index.cjs'));
    expect(win.loaded).toEqual([{ file: '/opt/berth/dist/renderer/index.html' }]);
    expect(fake.menus).toHaveLength(1);
    expect(fake.electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS', async () => {
    setPlatform('linux');
    startApp();
    fake.app.emit('window-all-closed');
    expect(fake.app.quits).toBe(1);
    fake.app.removeAllListeners();
    fake.app.quits = 0;
    setPlatform('darwin');
    startApp();
    fake.app.emit('window-all-closed');
    expect(fake.app.quits).toBe(0);
  });

  it('closes the backend before the app finally quits, and unhooks IPC', async () => {
    setPlatform('linux');
    startApp();
    fake.app.ready();
    await flush();
    expect(fake.ipcHandles.size).toBe(1);
    const held = fake.app.quit();
    expect(held).toBe(true);
    expect(fake.ipcHandles.size).toBe(0);
    await flush();
    expect(backend.close).toHaveBeenCalledTimes(1);
    // The deferred quit goes through this time.
    expect(fake.app.quits).toBe(2);
    expect(fake.app.quit()).toBe(false);
  });

  it('tells the user and exits when the backend cannot start', async () => {
    backend.fail = true;
    startApp();
    fake.app.ready();
    await flush();
    expect(fake.errors).toEqual([['Berth could not start', 'no engine config']]);
    expect(fake.app.exits).toEqual([1]);
    expect(fake.windows).toEqual([]);
  });
});
