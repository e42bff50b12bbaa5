import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, BuildMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { collect, startTestBackend } from '../test-support/backend';
import { eventually, removeTestImages, removeTestObjects, requireEngine, RUN_ID, testDocker, TEST_LABEL } from '../test-support/engine';
import { FileHistory } from './stacks-files';
import { buildStandIn, standInVersion } from '../test-support/stand-in-images';
import { writeFiles } from '../test-support/temp';

/**
 * Containerize and Dockerfile files against the real disk, and a generated Dockerfile built and run on the real
 * engine (on a stand-in for python:*-slim: no registry is reachable), with its per-step report.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let tmp: string;

beforeAll(async () => {
  await requireEngine(docker);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-int-dockerfiles-'));
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config') }));
}, 60_000);

afterAll(async () => {
  await backend?.close();
  await removeTestObjects(docker);
  await removeTestImages(docker);
  rmSync(tmp, { recursive: true, force: true });
});

const project = (name: string, files: Record<string, string>) => writeFiles(path.join(tmp, name), files);

const PY = { 'requirements.txt': 'flask==3.0.0\n', 'app.py': 'print("hello")\n', 'index.html': '<h1>hello from the python stand-in</h1>\n' };

describe('containerize', () => {
  it('proposes the three files for a Python folder and writes nothing', async () => {
    const dir = project('py-propose', PY);
    const p = await api.dockerfiles.propose({ folder: dir });
    expect(p.kind).toBe('python');
    expect(p.port).toBe(8000);
    expect(p.files.map((f) => [f.name, f.disk.stamp])).toEqual([
      ['Dockerfile', null],
      ['.dockerignore', null],
      ['compose.yaml', null],
    ]);
    expect(p.files[0]!.text).toContain('RUN pip install --no-cache-dir -r requirements.txt');
    expect(readdirSync(dir).sort()).toEqual(['app.py', 'index.html', 'requirements.txt']);
  });

  it('writes new files atomically, and never over an existing one without the stamp the user saw', async () => {
    const dir = project('py-write', { ...PY, Dockerfile: 'FROM mine:1\n' });
    const p = await api.dockerfiles.propose({ folder: dir });
    const existing = p.files.find((f) => f.name === 'Dockerfile')!;
    expect(existing.disk.text).toBe('FROM mine:1\n');

    // As if the user had not seen the existing file: all three refused, nothing at all written.
    const refused = await api.dockerfiles.write({ folder: dir, files: p.files.map((f) => ({ name: f.name, text: f.text, expected: null })) });
    expect(refused).toMatchObject({ ok: false, conflicts: [{ name: 'Dockerfile', disk: { text: 'FROM mine:1\n' } }] });
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'app.py', 'index.html', 'requirements.txt']);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine:1\n');

    // Confirmed after the diff: the stamp of the version shown. The edited preview text is written exactly.
    const edited = existing.text.replace('EXPOSE 8000', 'EXPOSE 8000\n# edited in the preview');
    const ok = await api.dockerfiles.write({
      folder: dir,
      files: p.files.map((f) => ({ name: f.name, text: f.name === 'Dockerfile' ? edited : f.text, expected: f.disk.stamp })),
    });
    expect(ok.ok).toBe(true);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(edited);
    expect(readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe(p.files[2]!.text);
    // No temp file left beside them; the replaced Dockerfile is in the history.
    expect(readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile', 'app.py', 'compose.yaml', 'index.html', 'requirements.txt']);
    const versions = new FileHistory(path.join(tmp, 'config', 'history'));
    const history = await versions.list(path.join(dir, 'Dockerfile'));
    expect(await versions.read(path.join(dir, 'Dockerfile'), history[0]!.id)).toBe('FROM mine:1\n');

    // The disk moved on after the preview: refused again.
    writeFileSync(path.join(dir, 'compose.yaml'), 'services: {}\n');
    if (!ok.ok) throw new Error('not written');
    const stale = await api.dockerfiles.write({ folder: dir, files: [{ name: 'compose.yaml', text: 'x', expected: ok.written[2]!.stamp }] });
    expect(stale.ok).toBe(false);
    expect(readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe('services: {}\n');
  });

  it('says which folder cannot be read, and writes nothing', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    await expect(api.dockerfiles.propose({ folder: missing })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(missing) });
    await expect(api.dockerfiles.write({ folder: missing, files: [{ name: 'Dockerfile', text: 'FROM x:1\n', expected: null }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A path through a file is not a folder: refused with the path named, nothing created.
    const file = path.join(project('not-a-folder', PY), 'app.py');
    await expect(api.dockerfiles.propose({ folder: file })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(file) });
    await expect(api.dockerfiles.write({ folder: file, files: [{ name: 'Dockerfile', text: 'FROM x:1\n', expected: null }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(readFileSync(file, 'utf8')).toBe(PY['app.py']);
  });
});

describe('Dockerfile open and save', () => {
  it('opens with the context facts and saves exactly the text, refusing a stale stamp', async () => {
    const dir = project('df-save', { Dockerfile: 'FROM a:1\n', '.env': 'X=1\n' });
    mkdirSync(path.join(dir, '.git'));
    const opened = await api.dockerfiles.open({ path: path.join(dir, 'Dockerfile') });
    expect(opened.facts).toEqual({ names: ['.env', '.git', 'Dockerfile'], hasDockerignore: false });
    const text = 'FROM a:1\r\n# kept as typed  \nUSER 1';
    expect(await api.dockerfiles.save({ path: opened.file.path, text, expected: opened.file.stamp })).toMatchObject({ ok: true });
    expect(readFileSync(opened.file.path, 'utf8')).toBe(text);
    expect(await api.dockerfiles.save({ path: opened.file.path, text: 'FROM b:1\n', expected: opened.file.stamp })).toMatchObject({ ok: false, reason: 'changed' });
    expect(readFileSync(opened.file.path, 'utf8')).toBe(text);
  });

  it('saves only files named like a Dockerfile', async () => {
    const dir = project('df-name', {});
    await expect(api.dockerfiles.save({ path: path.join(dir, 'notes.txt'), text: 'x', expected: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a generated Dockerfile on the engine', () => {
  it('builds, runs and answers; a code edit keeps the install cached and the report says the COPY missed', async () => {
    await buildStandIn(docker, 'python');
    const dir = project('py-build', PY);
    const p = await api.dockerfiles.propose({ folder: dir });
    expect((await api.dockerfiles.write({ folder: dir, files: p.files.map((f) => ({ name: f.name, text: f.text, expected: null })) })).ok).toBe(true);
    const tag = `berth-t-containerize-${RUN_ID.slice(-6).toLowerCase()}:dev`;
    const build = () =>
      collect<BuildMessage>((h) => api.images.build({ context: dir, tags: [tag], buildArgs: { PYTHON_VERSION: standInVersion() }, labels: { [TEST_LABEL]: RUN_ID } }, h));

    const first = await build();
    expect(first.error).toBeNull();
    const steps1 = first.messages.find((m) => m.type === 'steps')!;
    expect(steps1.type === 'steps' && steps1.steps.find((s) => s.instruction.startsWith('RUN pip install'))).toMatchObject({ cached: false, failed: false });
    const copyAll1 = steps1.type === 'steps' ? steps1.steps.find((s) => s.instruction === 'COPY . .')! : null;
    expect(copyAll1!.size).toBeGreaterThan(0);

    // Edit the code only: the dependency layer comes from the cache, the COPY of the context misses and says why.
    writeFileSync(path.join(dir, 'app.py'), 'print("changed")\n');
    const second = await build();
    expect(second.error).toBeNull();
    const steps2 = second.messages.find((m) => m.type === 'steps');
    if (steps2?.type !== 'steps') throw new Error('no steps report');
    expect(steps2.steps.find((s) => s.instruction.startsWith('RUN pip install'))).toMatchObject({ cached: true });
    const copyAll = steps2.steps.find((s) => s.instruction === 'COPY . .')!;
    expect(copyAll).toMatchObject({ cached: false, note: expect.stringContaining('whole context') });
    expect(steps2.steps.every((s) => s.ms >= 0)).toBe(true);

    // The image runs as the generated USER and answers on its port.
    const c = await docker.createContainer({
      Image: tag,
      Labels: { [TEST_LABEL]: RUN_ID },
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await c.start();
    const info = await c.inspect();
    expect(info.Config.User).toBe('10001');
    const port = Number(info.NetworkSettings.Ports['8000/tcp']![0]!.HostPort);
    const body = await eventually(
      () =>
        new Promise<string>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
            let b = '';
            res.on('data', (d: Buffer) => (b += d.toString()));
            res.on('end', () => resolve(b));
          }).on('error', reject);
        }),
      15_000,
      200,
    );
    expect(body).toContain('hello from the python stand-in');
  }, 120_000);

  it('a failing build still reports its steps, and names the failing one', async () => {
    const dir = project('py-fail', { Dockerfile: `FROM ${'berth-fixture/busybox:latest'}\nRUN echo ok\nRUN exit 3\n` });
    const r = await collect<BuildMessage>((h) => api.images.build({ context: dir, labels: { [TEST_LABEL]: RUN_ID } }, h));
    expect(r.error).toMatchObject({ details: { step: 3 } });
    const steps = r.messages.find((m) => m.type === 'steps');
    if (steps?.type !== 'steps') throw new Error('no steps report');
    expect(steps.steps.map((s) => [s.step, s.failed])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  }, 60_000);
});
