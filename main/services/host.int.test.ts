import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../preload/contract/client';
import type { ClientOf } from '../../preload/contract/define';
import { hostContract } from '../../preload/contract/host';
import { Router } from '../rpc/router';
import { HostService } from './host';

/**
 * Listing host folders through the router (so the input schema is exercised) on a real temp tree: files, a hidden
 * file, links to a folder and a file, a dangling link, a link loop, and errors for missing paths, files and (unless
 * running as root) an unreadable folder.
 */
const contract = { host: hostContract };
let api: ClientOf<typeof contract>;
let tmp: string;
const isRoot = process.getuid?.() === 0;

const wired = (svc: HostService) => new Router(contract, { host: svc });

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-host-int-'));
  mkdirSync(path.join(tmp, 'sub'));
  mkdirSync(path.join(tmp, 'Beta'));
  writeFileSync(path.join(tmp, 'compose.yaml'), 'services: {}\n');
  writeFileSync(path.join(tmp, 'a.txt'), 'hello');
  writeFileSync(path.join(tmp, '.env'), 'X=1\n');
  symlinkSync(path.join(tmp, 'sub'), path.join(tmp, 'to-sub'));
  symlinkSync(path.join(tmp, 'a.txt'), path.join(tmp, 'to-a'));
  symlinkSync(path.join(tmp, 'nowhere'), path.join(tmp, 'dangling'));
  symlinkSync(path.join(tmp, 'loop-b'), path.join(tmp, 'loop-a'));
  symlinkSync(path.join(tmp, 'loop-a'), path.join(tmp, 'loop-b'));
  mkdirSync(path.join(tmp, 'locked'));
  writeFileSync(path.join(tmp, 'locked', 'secret'), 's');
  chmodSync(path.join(tmp, 'locked'), 0o000);
  const router = wired(new HostService());
  const ctx = { transport: 'test', clientId: 'int' };
  api = createClient(contract, { call: (p, input) => router.call(p, input, ctx), subscribe: () => () => {} });
});

afterAll(() => {
  chmodSync(path.join(tmp, 'locked'), 0o755);
  rmSync(tmp, { recursive: true, force: true });
});

describe('host.listDir', () => {
  it('lists folders (and links to folders) first, classes links by target, hides dot-files unless asked', async () => {
    const r = await api.host.listDir({ path: tmp });
    expect(r.path).toBe(tmp);
    expect(r.parent).toBe(path.dirname(tmp));
    expect(r.home).toBe(os.homedir());
    expect(r.truncated).toBe(false);
    expect(r.entries.map((e) => [e.name, e.kind])).toEqual([
      ['Beta', 'dir'],
      ['locked', 'dir'],
      ['sub', 'dir'],
      ['to-sub', 'symlink-dir'],
      ['a.txt', 'file'],
      ['compose.yaml', 'file'],
      ['dangling', 'other'],
      ['loop-a', 'other'],
      ['loop-b', 'other'],
      ['to-a', 'symlink-file'],
    ]);
    const byName = new Map(r.entries.map((e) => [e.name, e]));
    expect(byName.get('a.txt')!.size).toBe(5);
    expect(byName.get('to-a')!.size).toBe(5);
    expect(byName.get('sub')!.size).toBeUndefined();
    expect(byName.get('compose.yaml')!.modified).toBeGreaterThan(Date.now() - 3_600_000);
    const hidden = await api.host.listDir({ path: tmp, showHidden: true });
    expect(hidden.entries.map((e) => e.name)).toContain('.env');
  });

  it('resolves "..", "." and trailing slashes, goes through links to folders, and stops at /', async () => {
    expect((await api.host.listDir({ path: `${tmp}/sub/../sub/./` })).path).toBe(path.join(tmp, 'sub'));
    expect((await api.host.listDir({ path: path.join(tmp, 'to-sub') })).path).toBe(path.join(tmp, 'to-sub'));
    const root = await api.host.listDir({ path: '/' });
    expect(root.parent).toBeNull();
    expect(root.entries.some((e) => e.name === 'tmp' && e.kind === 'dir')).toBe(true);
  });

  it('starts at the home folder without a path', async () => {
    const r = await api.host.listDir({});
    expect(r.path).toBe(path.resolve(os.homedir()));
  });

  it('caps the listing and says so', async () => {
    const router = wired(new HostService(3));
    const r = (await router.call('host.listDir', { path: tmp }, { transport: 'test', clientId: 'int' })) as Awaited<ReturnType<HostService['listDir']>>;
    expect(r.truncated).toBe(true);
    expect(r.entries.map((e) => e.name)).toEqual(['Beta', 'locked', 'sub']);
  });

  it('says plainly when the path is missing, a file, or (not as root) unreadable', async () => {
    await expect(api.host.listDir({ path: path.join(tmp, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('does not exist') });
    await expect(api.host.listDir({ path: path.join(tmp, 'a.txt') })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('is not a folder') });
    await expect(api.host.listDir({ path: path.join(tmp, 'a.txt', 'x') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.host.listDir({ path: path.join(tmp, 'loop-a') })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('loop') });
    if (isRoot) {
      // root reads anything: the locked folder lists, which is what root's file browser shows too.
      expect((await api.host.listDir({ path: path.join(tmp, 'locked') })).entries.map((e) => e.name)).toEqual(['secret']);
    } else {
      await expect(api.host.listDir({ path: path.join(tmp, 'locked') })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    }
  });

  it('refuses relative paths, NUL, over-long paths and unknown fields before touching the disk', async () => {
    for (const input of [{ path: 'tmp' }, { path: `${tmp}\0x` }, { path: `/${'a'.repeat(5000)}` }, { path: tmp, recursive: true }, { path: '' }]) {
      await expect(api.host.listDir(input as { path: string })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});
