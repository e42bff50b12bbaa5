import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder under the system temp dir, removed when the process exits (also in Playwright's test-listing
 * process, which loads spec files without running their hooks, and after a failure that skips the test's own cleanup).
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/**
 * A fresh path under the system temp dir, not created: for a spec's module level, where Playwright's listing
 * process would make a folder no hook of the spec ever removes. Create it in beforeAll, remove it in afterAll.
 */
export function tempPath(prefix: string): string {
  return path.join(os.tmpdir(), `${prefix}${randomBytes(4).toString('hex')}`);
}

/** Writes `files` (path relative to `dir` → text) under `dir`, making the folders they need; returns `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
