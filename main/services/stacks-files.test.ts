import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, chmodSync, symlinkSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileHistory, readStamped, removeStaleTemps, sameVersion, saveStackFile, sha256, writeAtomic } from './stacks-files';

let dir: string;
let history: FileHistory;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-stack-'));
  history = new FileHistory(path.join(dir, '.history'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const COMPOSE = `# my stack
services:
  web:   # the front
    image: "nginx:alpine"
    ports: [ "8080:80" ]   # flow list kept
`;

describe('writeAtomic', () => {
  it('writes exactly the text, keeps the mode, and leaves no temp file behind', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    const stamp = await writeAtomic(file, COMPOSE);
    expect(readFileSync(file, 'utf8')).toBe(COMPOSE);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(stamp).toMatchObject({ size: Buffer.byteLength(COMPOSE), sha256: sha256(COMPOSE) });
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('leaves the old file whole when the write fails (folder not writable)', async () => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; a missing folder fails the same code path instead
      await expect(writeAtomic(path.join(dir, 'gone', 'compose.yaml'), COMPOSE)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      return;
    }
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(dir, 0o500);
    try {
      await expect(writeAtomic(file, COMPOSE)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
      expect(readFileSync(file, 'utf8')).toBe('old\n');
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('saving through a symlink, stale temp files, a full disk', () => {
  it('a compose file that is a symlink is written through: the link stays, the target gets the text', async () => {
    mkdirSync(path.join(dir, 'dotfiles'));
    const real = path.join(dir, 'dotfiles', 'compose.yaml');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    const link = path.join(dir, 'compose.yaml');
    symlinkSync('dotfiles/compose.yaml', link);
    const disk = await readStamped(link);
    const result = await saveStackFile(history, { path: link, text: COMPOSE, expected: disk.stamp, force: false });
    expect(result.ok).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('dotfiles/compose.yaml');
    expect(readFileSync(real, 'utf8')).toBe(COMPOSE);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(dir, 'dotfiles')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // a dangling link: its target is created, the link kept
    const dangling = path.join(dir, 'other.yaml');
    symlinkSync('dotfiles/new.yaml', dangling);
    await writeAtomic(dangling, 'services: {}\n');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'dotfiles', 'new.yaml'), 'utf8')).toBe('services: {}\n');
  });

  it("removes interrupted saves' temp files older than a minute, and nothing else", async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, COMPOSE);
    const old = Date.now() / 1000 - 3600;
    const stale = path.join(dir, '.compose.yaml.berth-0a1b2c3d.tmp');
    const fresh = path.join(dir, '.compose.yaml.berth-99999999.tmp');
    const others = ['.compose.yaml.berth-notes.tmp', '.env.berth-0a1b2c3d.tmp', 'compose.yaml.berth-0a1b2c3d.tmp'].map((n) => path.join(dir, n));
    for (const f of [stale, fresh, ...others]) writeFileSync(f, 'partial');
    for (const f of [stale, ...others]) utimesSync(f, old, old);
    expect(await removeStaleTemps(file)).toEqual([stale]);
    expect(readdirSync(dir).sort()).toEqual(['.compose.yaml.berth-99999999.tmp', '.compose.yaml.berth-notes.tmp', '.env.berth-0a1b2c3d.tmp', 'compose.yaml', 'compose.yaml.berth-0a1b2c3d.tmp'].sort());
  });
});

describe('conflict detection', () => {
  it('same content is the same version even when the mtime moved; other content is not', () => {
    const a = { mtimeMs: 1, size: 3, sha256: sha256('abc') };
    expect(sameVersion(a, { ...a, mtimeMs: 2 })).toBe(true);
    expect(sameVersion(a, { mtimeMs: 1, size: 3, sha256: sha256('abd') })).toBe(false);
    expect(sameVersion(null, null)).toBe(true);
    expect(sameVersion(a, null)).toBe(false);
    expect(sameVersion(null, a)).toBe(false);
  });

  it('saves when the disk still holds the opened version, keeping the old one in the history', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'services: {}\n');
    const opened = await readStamped(file);
    const result = await saveStackFile(history, { path: file, text: COMPOSE, expected: opened.stamp, force: false });
    expect(result.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(COMPOSE);
    const versions = await history.list(file);
    expect(versions).toHaveLength(1);
    expect(await history.read(file, versions[0]!.id)).toBe('services: {}\n');
  });

  it('refuses to overwrite a file changed on disk since it was opened, and returns the disk version', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'services: {}\n');
    const opened = await readStamped(file);
    writeFileSync(file, 'services: {} # edited elsewhere\n');
    const result = await saveStackFile(history, { path: file, text: COMPOSE, expected: opened.stamp, force: false });
    expect(result).toMatchObject({ ok: false, reason: 'changed', disk: { text: 'services: {} # edited elsewhere\n' } });
    expect(readFileSync(file, 'utf8')).toBe('services: {} # edited elsewhere\n');
    // the user chose "overwrite"
    const forced = await saveStackFile(history, { path: file, text: COMPOSE, expected: opened.stamp, force: true });
    expect(forced.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(COMPOSE);
    expect(await history.read(file, (await history.list(file))[0]!.id)).toBe('services: {} # edited elsewhere\n');
  });

  it('reports a file deleted on disk, and one created where none was', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'a\n');
    const opened = await readStamped(file);
    rmSync(file);
    expect(await saveStackFile(history, { path: file, text: 'b\n', expected: opened.stamp, force: false })).toMatchObject({ ok: false, reason: 'deleted' });
    const env = path.join(dir, '.env');
    writeFileSync(env, 'X=1\n');
    expect(await saveStackFile(history, { path: env, text: 'X=2\n', expected: null, force: false })).toMatchObject({ ok: false, reason: 'created' });
  });
});

describe('history', () => {
  it('lists newest first and restores any version', async () => {
    const file = path.join(dir, 'compose.yaml');
    await history.keep(file, 'v1');
    await new Promise((r) => setTimeout(r, 5));
    await history.keep(file, 'v2');
    const list = await history.list(file);
    expect(list.map((e) => e.size)).toEqual([2, 2]);
    expect(await history.read(file, list[0]!.id)).toBe('v2');
    expect(await history.read(file, list[1]!.id)).toBe('v1');
    await expect(history.read(file, '../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
