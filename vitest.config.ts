import { defineConfig } from 'vitest/config';
import { contract } from './preload/contract';
import { contractShape } from './preload/contract/client';

export default defineConfig({
  test: {
    projects: [
      {
        // What scripts/build.mjs puts into the Electron preload (see preload/index.ts).
        define: { __BERTH_CONTRACT_SHAPE__: JSON.stringify(contractShape(contract)) },
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.world.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['main/**/*.int.test.ts'],
          globalSetup: ['main/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The modern test world's TCP+TLS endpoint and contexts (scripts/engine-up.sh modern); npm test runs it there.
        test: {
          name: 'world-endpoints',
          include: ['main/**/*.world.test.ts'],
          exclude: ['main/**/*-podman.world.test.ts', 'node_modules/**'],
          globalSetup: ['main/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Podman beside the modern world's Docker engines: both worlds up (scripts/test-all.sh runs it last).
        test: {
          name: 'world-podman',
          include: ['main/**/*-podman.world.test.ts'],
          globalSetup: ['main/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
