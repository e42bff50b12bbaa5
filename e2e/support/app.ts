import { _electron, chromium, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVE_ENV } from '../../main/test-support/serve-env';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readyLine, stopper } from '../../main/test-support/child-ready';

/** Where the build is: dist/, or BERTH_DIST when set (see scripts/build.mjs). */
export function distDir(): string {
  return path.resolve(process.env.BERTH_DIST || 'dist');
}

export type AppPath = { kind: 'electron'; binary: string; description: string } | { kind: 'web'; chromium: string; description: string };

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Electron where its binary is installed (a developer's machine), else web mode in Debian's Chromium. */
export function appPath(): AppPath {
  if (process.env.BERTH_E2E_MODE !== 'web') {
    try {
      const binary = createRequire(import.meta.url)('electron') as unknown as string;
      if (typeof binary === 'string' && existsSync(binary)) {
        return { kind: 'electron', binary, description: `path: Electron (${binary})` };
      }
    } catch {
      // the electron package throws when its binary was never downloaded
    }
  }
  const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Electron binary and no Chromium at ${chromiumPath}: run \`bash scripts/engine-up.sh\` (installs Debian's chromium) or set BERTH_CHROMIUM.`);
  }
  return { kind: 'web', chromium: chromiumPath, description: `path: web mode (berth serve + Chromium at ${chromiumPath}); no Electron binary here` };
}

export interface RunningApp {
  page: Page;
  kind: 'electron' | 'web';
  /** Web mode only: the URL with its token. */
  url?: string;
  close(): Promise<void>;
}

/** Starts Berth against the engine `env` points at (process.env by default) and returns its window. */
export async function startApp(
  env: NodeJS.ProcessEnv = process.env,
  opts: {
    colorScheme?: 'light' | 'dark';
    /** Web mode: runs on the new page before it loads Berth (e.g. routes for the app's own files). */
    beforeLoad?: (page: Page) => Promise<void>;
  } = {},
): Promise<RunningApp> {
  const path = appPath();
  if (path.kind === 'electron') {
    const app: ElectronApplication = await _electron.launch({ executablePath: path.binary, args: ['.'], env: env as Record<string, string> });
    const page = await app.firstWindow();
    if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
    return { page, kind: 'electron', close: () => app.close() };
  }
  const server = await startServe(env);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: path.chromium, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, colorScheme: opts.colorScheme ?? 'light' });
    const page = await context.newPage();
    await opts.beforeLoad?.(page);
    await page.goto(server.url);
    const b = browser;
    return {
      page,
      kind: 'web',
      url: server.url,
      close: async () => {
        await b.close();
        await server.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `berth serve --port 0` as `npm run serve` starts it; resolves with the URL it prints on a line of its own. */
export async function startServe(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(distDir(), 'main/serve.cjs'), '--port', '0', ...args], {
    // An empty value in `env` leaves that variable out (benchmarks compare with and without).
    env: Object.fromEntries(Object.entries<string | undefined>({ ...SERVE_ENV, ...env }).filter(([k, v]) => !(k in SERVE_ENV) || v !== '')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const stop = stopper(child, () => child.kill('SIGTERM'), 3000);
  const line = await readyLine(child, { what: 'berth serve', isReady: (l) => l.startsWith('http://'), timeoutMs: 15_000, log: () => output, stop });
  return { url: line.trim(), child, stop };
}
