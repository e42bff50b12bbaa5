import { test, type Page } from '@playwright/test';
import type Docker from 'dockerode';
import { removeTestObjects } from '../../main/test-support/engine';
import { startApp, type RunningApp } from './app';

export interface AppSession {
  /** Starts Berth (see startApp); the afterEach that useApp registered closes it. */
  start(...args: Parameters<typeof startApp>): Promise<RunningApp>;
  /** The running app's window; throws when none was started. */
  readonly page: Page;
  /** Closes the app now (a test that starts it more than once). */
  close(): Promise<void>;
}

/**
 * The one app fixture of the e2e specs: registers an afterEach that closes the app a test started and, given the
 * engine client, removes this run's test objects (label berth.test=<run id>) — call it at the top of a spec.
 */
export function useApp(cleanup?: { docker: Docker }): AppSession {
  let app: RunningApp | null = null;
  // What the page said that a failure may need (the browser is launched by hand, so Playwright's trace has no page).
  let pageLog: string[] = [];
  const close = async () => {
    const running = app;
    app = null;
    await running?.close();
  };
  test.afterEach(async () => {
    const testInfo = test.info();
    if (app && testInfo.status !== testInfo.expectedStatus) {
      const shot = await app.page.screenshot().catch(() => null);
      if (shot) await testInfo.attach('page at failure', { body: shot, contentType: 'image/png' });
      await testInfo.attach('page console errors, failed requests, page errors', { body: pageLog.join('\n') || '(none)', contentType: 'text/plain' });
    }
    await close();
    if (cleanup) await removeTestObjects(cleanup.docker);
  });
  return {
    start: async (...args) => {
      app = await startApp(...args);
      pageLog = [];
      const at = () => new Date().toISOString().slice(11, 23);
      app.page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') pageLog.push(`${at()} console.${m.type()}: ${m.text()}`);
      });
      app.page.on('pageerror', (e) => pageLog.push(`${at()} page error: ${e.message}`));
      app.page.on('requestfailed', (r) => pageLog.push(`${at()} request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
      return app;
    },
    get page() {
      if (!app) throw new Error('the app is not started');
      return app.page;
    },
    close,
  };
}
