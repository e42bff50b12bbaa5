import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileHistory, readStamped, saveStackFile } from './stacks-files';

/**
 * Saving onto a file system that is really full: a 64 KiB tmpfs mounted for the test. Mounting needs root, as the
 * integration tests have (they drive the engine's root socket); anywhere else this fails and says so.
 */
let dir: string;
let history: FileHistory;
beforeEach(() => {
  if (process.getuid?.() !== 0) throw new Error('This test mounts a 64 KiB tmpfs to fill it, which needs root: run the integration tests as root (CI does).');
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-stack-full-'));
  history = new FileHistory(path.join(dir, '.history'));
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const COMPOSE = 'services:\n  web:\n    image: "nginx:alpine"\n';

describe('a full disk', () => {
  it('answers DISK_FULL and leaves the old file whole, with no temp file behind', async () => {
    const mnt = path.join(dir, 'small');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const file = path.join(mnt, 'compose.yaml');
      writeFileSync(file, COMPOSE);
      const disk = await readStamped(file);
      const save = saveStackFile(history, { path: file, text: 'x'.repeat(200 * 1024), expected: disk.stamp, force: false });
      await expect(save).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('is full. The file on disk is unchanged.') });
      expect(readFileSync(file, 'utf8')).toBe(COMPOSE);
      expect(readdirSync(mnt)).toEqual(['compose.yaml']);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
