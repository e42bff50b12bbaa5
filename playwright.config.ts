import { defineConfig } from '@playwright/test';

// The specs drive the built renderer against a real engine: `npm run test:e2e` builds first.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  use: { viewport: { width: 1360, height: 820 }, trace: 'retain-on-failure' },
});
