import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID } from './engine';
import { writeFiles } from './temp';

/** Fails, saying where to run the test, unless `docker compose` is v2.22+ (the first with `watch`). */
export function requireComposeWatch(): void {
  let version = 'none';
  try {
    version = execFileSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8' }).trim();
  } catch {
    // no compose v2 plugin
  }
  const [major, minor] = version.split('.').map(Number);
  if (!(major! > 2 || (major === 2 && minor! >= 22))) {
    throw new Error(
      `compose watch needs compose v2.22+ and this world has "${version}": run this in the modern world (BERTH_WORLD=modern npm test).`,
    );
  }
}

/**
 * Writes into `dir` a compose project for compose watch: one service, `app`, built from the fixture as `image`,
 * labelled with this run's id, that syncs `./src` (holding `srcFiles`) into `/app`. Returns the compose file.
 */
export function writeWatchableStack(dir: string, image: string, srcFiles: Record<string, string>): string {
  const src = Object.fromEntries(Object.entries(srcFiles).map(([name, text]) => [path.join('src', name), text]));
  writeFiles(dir, {
    ...src,
    Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN mkdir -p /app\n`,
    'compose.yaml': `# Synced by compose watch while Watch is on.
services:
  app:
    build:
      context: .
      labels: { berth.test: "${RUN_ID}" }
    image: ${image}
    init: true
    command: sleep 3600
    labels: { berth.test: "${RUN_ID}" }
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
`,
  });
  return path.join(dir, 'compose.yaml');
}
