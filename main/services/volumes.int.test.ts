import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeTransferMessage } from '../../preload/contract/volumes';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, FIXTURE_IMAGE, removeTestObjects, RUN_ID, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { ContainerFilesService } from './container-details-files';
import { LifecycleController } from './lifecycle';
import { SettingsFile } from './settings';
import { VolumesService } from './volumes';
import { VolumeHelpers } from './volumes-helper';
import { VolumeTransfers } from './volumes-transfer';

const docker = testDocker();
const engines = EngineRegistry.fromEnvironment(process.env);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-vol-'));
const settings = new SettingsFile(path.join(tmp, 'settings.json'));
const helpers = new VolumeHelpers(engines, settings, { 'berth.helper': '1', ...testLabels() });
const files = new ContainerFilesService(engines);
const lifecycle = new LifecycleController();
const volumes = new VolumesService(engines, helpers, files, lifecycle);
const transfers = new VolumeTransfers(engines, helpers, lifecycle);

/** Fills a volume with files of several sizes, modes, an owner, a nested folder, a symlink and an empty file. */
const FILL = [
  'mkdir -p /v/sub/deeper "/v/with space"',
  'echo hello > /v/a.txt',
  'head -c 300000 /dev/urandom > /v/sub/random.bin',
  'head -c 70000 /dev/zero > "/v/with space/zeros"',
  'echo secret > /v/sub/deeper/key && chmod 600 /v/sub/deeper/key',
  'printf "#!/bin/sh\\necho run\\n" > /v/run.sh && chmod 755 /v/run.sh',
  'touch /v/.hidden /v/empty && chmod 640 /v/empty',
  'chown 1234:5678 /v/a.txt',
  'ln -s sub/random.bin /v/link',
].join(' && ');

/** One line per path: type, mode, owner, size and sha256 (files) or link target, as seen inside a container. */
const MANIFEST =
  "cd /v && find . | sort | while read -r f; do if [ -L \"$f\" ]; then echo \"$f L $(readlink \"$f\")\"; elif [ -d \"$f\" ]; then echo \"$f D $(stat -c '%a %u:%g' \"$f\")\"; else echo \"$f F $(stat -c '%a %u:%g %s' \"$f\") $(sha256sum \"$f\" | cut -d' ' -f1)\"; fi; done";

async function inVolume(volume: string, script: string): Promise<string> {
  const c = await docker.createContainer({ Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', script], Labels: testLabels(), HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] } });
  try {
    const waiting = c.wait({ condition: 'next-exit' });
    await c.start();
    const { StatusCode } = (await waiting) as { StatusCode: number };
    const logs = (await c.logs({ stdout: true, stderr: true })) as Buffer;
    const text = demux(logs);
    if (StatusCode !== 0) throw new Error(`script failed (${StatusCode}): ${text}`);
    return text;
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}

function demux(buf: Buffer): string {
  let out = '';
  for (let i = 0; i + 8 <= buf.length; ) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
    i += 8 + len;
  }
  return out;
}

function run(fn: (emit: (m: VolumeTransferMessage) => void, signal: AbortSignal) => Promise<void>, signal = new AbortController().signal) {
  const messages: VolumeTransferMessage[] = [];
  return fn((m) => messages.push(m), signal).then(() => messages);
}

const made: string[] = [];
async function volume(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await docker.createVolume({ Name: name, Labels: testLabels() });
  made.push(name);
  return name;
}

let source: string;
let manifest: string;

beforeAll(async () => {
  await requireEngine(docker);
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
  await helpers.setImage(undefined, FIXTURE_IMAGE);
  source = await volume('src');
  await inVolume(source, FILL);
  manifest = await inVolume(source, MANIFEST);
});

afterAll(async () => {
  await volumes.files.close();
  await removeTestObjects(docker);
  const vols = await docker.listVolumes({ filters: { label: [`berth.test=${RUN_ID}`] } });
  await Promise.all([...(vols.Volumes ?? []).map((v) => v.Name), ...made].map((n) => docker.getVolume(n).remove().catch(() => undefined)));
  await engines.stopAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every file: names, sizes, sha256, modes, owners and links', async () => {
    expect(manifest).toContain('./sub/deeper/key F 600 0:0 7');
    const messages = await run((emit, signal) => transfers.backup({ name: source, folder: tmp, fileName: 'src.tar.gz', overwrite: false }, emit, signal));
    const done = messages.at(-1);
    expect(done).toMatchObject({ type: 'done', path: path.join(tmp, 'src.tar.gz') });
    expect(statSync(path.join(tmp, 'src.tar.gz')).size).toBeGreaterThan(300_000);
    expect(readdirSync(tmp).filter((f) => f.includes('partial'))).toEqual([]);

    const target = uniqueName('restored');
    made.push(target);
    await run((emit, signal) => transfers.restore({ name: target, file: path.join(tmp, 'src.tar.gz'), overwrite: false, labels: testLabels() }, emit, signal));
    const restored = await inVolume(target, MANIFEST);
    expect(restored.split('\n')).toEqual(manifest.split('\n'));
    expect(createHash('sha256').update(restored).digest('hex')).toBe(createHash('sha256').update(manifest).digest('hex'));
  });

  it('refuses a non-empty volume unless told to replace its contents, and leaves it as it was', async () => {
    await run((emit, signal) => transfers.backup({ name: source, folder: tmp, fileName: 'again.tar.gz', overwrite: false }, emit, signal));
    const busy = await volume('busy');
    await inVolume(busy, 'echo keep > /v/mine');
    await expect(run((emit, signal) => transfers.restore({ name: busy, file: path.join(tmp, 'again.tar.gz'), overwrite: false, labels: {} }, emit, signal))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { notEmpty: true },
    });
    expect(await inVolume(busy, 'cat /v/mine')).toBe('keep\n');
    await run((emit, signal) => transfers.restore({ name: busy, file: path.join(tmp, 'again.tar.gz'), overwrite: true, labels: {} }, emit, signal));
    expect(await inVolume(busy, MANIFEST)).toBe(manifest);
  });

  it('says plainly when the backup folder is missing or the file exists, and writes nothing', async () => {
    await expect(run((e, s) => transfers.backup({ name: source, folder: path.join(tmp, 'nope'), fileName: 'x.tar.gz', overwrite: false }, e, s))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('does not exist'),
    });
    await expect(run((e, s) => transfers.backup({ name: source, folder: tmp, fileName: 'src.tar.gz', overwrite: false }, e, s))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { exists: true },
    });
  });

  it('a removal asked for during a backup waits for it: the backup completes, then the volume goes', async () => {
    const doomed = await volume('doomed');
    await inVolume(doomed, 'head -c 30000000 /dev/urandom > /v/big');
    const order: string[] = [];
    let removal: Promise<void> | null = null;
    const backup = run((emit, signal) => transfers.backup({ name: doomed, folder: tmp, fileName: 'doomed.tar.gz', overwrite: false }, (m) => {
      emit(m);
      if (m.type === 'progress' && !removal) removal = volumes.remove({ name: doomed }).then(() => void order.push('removed'));
    }, signal)).then((messages) => (order.push('backed up'), messages));
    const messages = await backup;
    expect(removal).not.toBeNull();
    await removal;
    expect(order).toEqual(['backed up', 'removed']);
    expect(messages.at(-1)).toMatchObject({ type: 'done', path: path.join(tmp, 'doomed.tar.gz') });
    // Random bytes do not compress: the whole 30 MB is in the archive.
    expect(statSync(path.join(tmp, 'doomed.tar.gz')).size).toBeGreaterThan(30_000_000);
    await expect(docker.getVolume(doomed).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }, 60_000);

  it('removes the partial file and the helper when cancelled', async () => {
    const abort = new AbortController();
    const big = await volume('big');
    await inVolume(big, 'head -c 60000000 /dev/urandom > /v/big');
    const pending = run((emit, signal) => transfers.backup({ name: big, folder: tmp, fileName: 'cancel.tar.gz', overwrite: false }, (m) => {
      emit(m);
      if (m.type === 'progress') abort.abort();
    }, signal), abort.signal);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(tmp).filter((f) => f.includes('cancel'))).toEqual([]);
    await eventually(async () => {
      const helpersLeft = await docker.listContainers({ all: true, filters: { label: ['berth.helper=1', `berth.test=${RUN_ID}`] } });
      expect(helpersLeft.filter((c) => c.Labels['berth.helper.volumes'] === big)).toEqual([]);
    });
  });
});

describe('clone', () => {
  it('copies every file into a new volume', async () => {
    const target = uniqueName('clone');
    made.push(target);
    const messages = await run((emit, signal) => transfers.clone({ name: source, target, overwrite: false, labels: testLabels() }, emit, signal));
    expect(messages.at(-1)).toMatchObject({ type: 'done', volume: target });
    expect(await inVolume(target, MANIFEST)).toBe(manifest);
  });
});

describe('list, browse, remove', () => {
  it('lists a volume with the containers using it, and refuses to remove it while used', async () => {
    const name = await volume('used');
    const c = await createTestContainer(docker, { name: uniqueName('user') });
    await c.remove({ force: true });
    const user = await docker.createContainer({ Image: FIXTURE_IMAGE, name: uniqueName('user'), Cmd: ['true'], Labels: testLabels(), HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] } });
    const listed = (await volumes.list({})).find((v) => v.name === name);
    const userName = (await user.inspect()).Name.slice(1);
    expect(listed?.usedBy).toEqual([{ id: user.id, name: userName, running: false, destination: '/data' }]);
    await expect(volumes.remove({ name })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(userName) });
    const plan = await volumes.planRemoval({ name });
    expect(plan.usedBy.map((u) => u.name)).toEqual([userName]);
    await user.remove({ force: true });
    const prunePlan = await volumes.planPrune({});
    expect(prunePlan.volumes.map((v) => v.name)).toContain(name);
    const pruned = await volumes.prune({ names: [name] });
    expect(pruned.removed).toEqual([name]);
    await expect(docker.getVolume(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('browses folders, reads a file and links stay inside the volume', async () => {
    const root = await volumes.files.list({ name: source, path: '/' });
    expect(root.path).toBe('/');
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['sub', 'a.txt', 'run.sh', 'with space', '.hidden', 'link']));
    expect(root.entries.find((e) => e.name === 'run.sh')).toMatchObject({ kind: 'file', mode: 0o755, path: '/run.sh' });
    const sub = await volumes.files.list({ name: source, path: '/sub' });
    expect(sub.entries.map((e) => e.path)).toEqual(['/sub/deeper', '/sub/random.bin']);
    expect(await volumes.files.read({ name: source, path: '/a.txt' })).toEqual({ kind: 'text', path: '/a.txt', size: 6, text: 'hello\n' });
    // "/../../etc" is normalised inside the volume (where there is no etc), never the helper's own /etc.
    await expect(volumes.files.list({ name: source, path: '/../../etc' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no "/etc" in this volume.' });
  });

  it('watch sends the list now, then a fresh one after a volume is created and after it is removed', async () => {
    const name = uniqueName('watched');
    made.push(name);
    const seen: string[][] = [];
    const abort = new AbortController();
    const watching = volumes.watch({}, (m) => seen.push(m.volumes.map((v) => v.name)), abort.signal);
    try {
      await eventually(() => expect(seen.length).toBeGreaterThan(0));
      expect(seen.at(-1)).toContain(source);
      await docker.createVolume({ Name: name, Labels: testLabels() });
      await eventually(() => expect(seen.at(-1)).toContain(name));
      await docker.getVolume(name).remove();
      await eventually(() => expect(seen.at(-1)).not.toContain(name));
    } finally {
      abort.abort();
      await watching;
    }
  });

  it('watch sends a fresh list when a container using a volume starts and stops', async () => {
    const name = await volume('users');
    const running: (boolean | undefined)[] = [];
    const abort = new AbortController();
    const watching = volumes.watch(
      {},
      (m) => running.push(m.volumes.find((v) => v.name === name)?.usedBy[0]?.running),
      abort.signal,
    );
    try {
      const user = await docker.createContainer({
        Image: FIXTURE_IMAGE,
        name: uniqueName('user'),
        Cmd: ['sleep', '3600'],
        Labels: testLabels(),
        StopTimeout: 1,
        HostConfig: { Init: true, Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] },
      });
      await eventually(() => expect(running.at(-1)).toBe(false));
      await user.start();
      await eventually(() => expect(running.at(-1)).toBe(true));
      await user.stop();
      await eventually(() => expect(running.at(-1)).toBe(false));
      await user.remove({ force: true });
      await eventually(() => expect(running.at(-1)).toBeUndefined());
    } finally {
      abort.abort();
      await watching;
    }
  });

  it('rejects a taken name and creates with labels and options', async () => {
    const name = uniqueName('made');
    made.push(name);
    const v = await volumes.create({ name, driver: 'local', options: {}, labels: testLabels({ purpose: 'x' }) });
    expect(v).toMatchObject({ name, driver: 'local', labels: { purpose: 'x' }, usedBy: [] });
    await expect(volumes.create({ name, driver: 'local', options: {}, labels: {} })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
