// Electron entry: one window showing the renderer, locked down, talking to the backend only through
// transports/electron-ipc.ts. Everything that knows about engines lives in ./backend, which knows nothing of Electron.
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend';
import { parseUrl } from './parse-url';
import { attachIpc, ownMainFrameOnly } from './transports/electron-ipc';

/**
 * The `<meta>` policy of renderer/index.html, plus `frame-ancestors`, which only a header can carry. Sent as a header
 * on every response the session sees.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the renderer lives: the built index.html, or a dev server during development. */
export interface AppLocation {
  /** Absolute path of dist/renderer/index.html. */
  readonly rendererIndex: string;
  /** http://localhost:PORT or http://127.0.0.1:PORT, only when not packaged. */
  readonly devUrl?: string | undefined;
}

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Berth',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Links the user may open in their browser: any https page, and http only on this machine (a published port). */
export function isAllowedExternalUrl(url: string): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return u.hostname !== '';
  if (u.protocol === 'http:') return u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  return false;
}

/** Is this URL our renderer: a file inside the renderer's folder, or a page of the dev server? */
export function isAppUrl(url: string, loc: AppLocation): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'file:') {
    if (u.host !== '') return false;
    const rel = path.relative(path.dirname(loc.rendererIndex), fileURLToPath(u));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }
  return loc.devUrl !== undefined && u.origin === new URL(loc.devUrl).origin;
}

/** Navigation is allowed only to the renderer's own document (a different #route is not a navigation anyway). */
export function isOwnDocument(url: string, loc: AppLocation): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'file:') return u.host === '' && fileURLToPath(u) === path.resolve(loc.rendererIndex);
  return loc.devUrl !== undefined && u.origin === new URL(loc.devUrl).origin;
}

/** BERTH_DEV_URL, honoured only for an unpackaged app and only on this machine. */
export function devUrlFrom(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const raw = env.BERTH_DEV_URL;
  if (isPackaged || !raw) return undefined;
  const u = parseUrl(raw);
  return u?.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1') ? u.href : undefined;
}

/**
 * No permission is granted (camera, notifications, geolocation…), except writing to the clipboard from our own
 * page: the UI's "copy ID" buttons use navigator.clipboard.writeText.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, loc: AppLocation): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl, loc);
}

export function menuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

/** Opens a link in the user's browser if the allow-list permits it; anything else is dropped. */
export function openExternally(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url).catch(() => {});
}

/** Applied to every webContents the app creates: no navigation away, no new windows, no <webview>. */
export function hardenContents(contents: WebContents, loc: AppLocation): void {
  contents.on('will-navigate', (event, url) => {
    if (isOwnDocument(url, loc)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, loc)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export function secureSession(ses: Session, loc: AppLocation): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, loc));
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, loc),
  );
}

export function appLocation(): { loc: AppLocation; preloadPath: string } {
  const root = app.getAppPath();
  return {
    loc: { rendererIndex: path.join(root, 'dist/renderer/index.html'), devUrl: devUrlFrom(process.env, app.isPackaged) },
    preloadPath: path.join(root, 'dist/preload/index.cjs'),
  };
}

export function createMainWindow(loc: AppLocation, preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  const loading = loc.devUrl ? win.loadURL(loc.devUrl) : win.loadFile(loc.rendererIndex);
  loading.catch((err: unknown) => console.error('berth: could not load the renderer:', err));
  return win;
}

/** The Electron app's whole life: lock, harden, start the backend, wire IPC, show the window, close on quit. */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('dev.berth.app');

  const { loc, preloadPath } = appLocation();
  let win: BrowserWindow | null = null;
  const backendReady = createBackend();
  let detach: (() => void) | undefined;

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, loc));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Hold the quit until the backend has cancelled its streams and closed its engine connections.
    event.preventDefault();
    if (closing) return;
    closing = true;
    detach?.();
    void backendReady
      .then((backend) => backend.close())
      .catch((err: unknown) => console.error('berth: backend did not close cleanly:', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  const open = () => {
    win = createMainWindow(loc, preloadPath);
    win.on('closed', () => {
      win = null;
    });
  };

  void app
    .whenReady()
    .then(async () => {
      secureSession(session.defaultSession, loc);
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform)));
      const backend = await backendReady;
      detach = attachIpc(backend.router, {
        isTrustedSender: ownMainFrameOnly(
          () => win?.webContents,
          (url) => isAppUrl(url, loc),
        ),
      });
      open();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) open();
      });
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('Berth could not start', err instanceof Error ? err.message : String(err));
      closed = true;
      app.exit(1);
    });
}

// Imported by tests under plain Node: only Electron's main process starts the app.
if (process.versions.electron && process.type === 'browser') startApp();
