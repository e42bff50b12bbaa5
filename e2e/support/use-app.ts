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
  const close = async () => {
    const running = app;
    app = null;
    await running?.close();
  };
  test.afterEach(async () => {
    await close();
    if (cleanup) await removeTestObjects(cleanup.docker);
  });
  return {
    start: async (...args) => (app = await startApp(...args)),
    get page() {
      if (!app) throw new Error('the app is not started');
      return app.page;
    },
    close,
  };
}
