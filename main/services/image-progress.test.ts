import { describe, expect, it } from 'vitest';
import { overallPercent, TransferProgress } from './image-progress';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';

describe('TransferProgress (pull)', () => {
  it('follows each layer from waiting through download and extract to done', () => {
    const p = new TransferProgress('pull');
    expect(p.push({ status: 'Pulling from berth-test/busybox', id: 'run-1' })).toBe('run-1: Pulling from berth-test/busybox');
    p.push({ status: 'Pulling fs layer', id: A });
    p.push({ status: 'Pulling fs layer', id: B });
    p.push({ status: 'Downloading', id: A, progressDetail: { current: 50, total: 100 } });
    let snap = p.snapshot();
    expect(snap.layers.find((l) => l.id === A)).toMatchObject({ phase: 'downloading', current: 50, total: 100, fraction: 0.25 });
    expect(snap.layers.find((l) => l.id === B)).toMatchObject({ phase: 'waiting', fraction: 0 });
    // B's size is unknown: it weighs the average of the known (100).
    expect(snap.percent).toBe(12.5);

    p.push({ status: 'Download complete', id: A });
    p.push({ status: 'Extracting', id: A, progressDetail: { current: 100, total: 100 } });
    p.push({ status: 'Pull complete', id: A });
    p.push({ status: 'Downloading', id: B, progressDetail: { current: 300, total: 300 } });
    snap = p.snapshot();
    expect(snap.layers.find((l) => l.id === A)).toMatchObject({ phase: 'done', fraction: 1 });
    expect(snap.bytes).toEqual({ current: 400, total: 400 });
    expect(snap.percent).toBe(62.5); // (100·1 + 300·0.5) / 400

    p.push({ status: `Digest: sha256:${'c'.repeat(64)}` });
    p.push({ status: 'Status: Downloaded newer image for 127.0.0.1:5000/berth-test/busybox:run-1' });
    expect(p.digest).toBe(`sha256:${'c'.repeat(64)}`);
    expect(p.status).toMatch(/Downloaded newer image/);
    expect(p.error).toBeNull();
  });

  it('counts layers that already exist as done and leaves them out of the bytes', () => {
    const p = new TransferProgress('pull');
    p.push({ status: 'Already exists', id: A });
    expect(p.snapshot()).toMatchObject({ percent: 100, bytes: { current: 0, total: 0 } });
  });

  it('keeps the engine error message', () => {
    const p = new TransferProgress('pull');
    p.push({ error: 'manifest unknown', errorDetail: { message: 'manifest for x:y not found: manifest unknown' } });
    expect(p.error).toBe('manifest for x:y not found: manifest unknown');
  });
});

describe('TransferProgress (push)', () => {
  it('reads pushing bytes and the digest from the aux message', () => {
    const p = new TransferProgress('push');
    p.push({ status: 'The push refers to repository [127.0.0.1:5000/x]' });
    p.push({ status: 'Preparing', id: A });
    p.push({ status: 'Pushing', id: A, progressDetail: { current: 10, total: 40 } });
    expect(p.snapshot().layers[0]).toMatchObject({ phase: 'pushing', fraction: 0.25 });
    p.push({ status: 'Pushed', id: A });
    p.push({ status: 'Layer already exists', id: B });
    p.push({ status: 'run-1: digest: sha256:' + 'd'.repeat(64) + ' size: 527' });
    p.push({ aux: { Tag: 'run-1', Digest: `sha256:${'d'.repeat(64)}`, Size: 527 } });
    expect(p.snapshot().percent).toBe(100);
    expect(p.digest).toBe(`sha256:${'d'.repeat(64)}`);
  });
});

describe('overallPercent', () => {
  it('is 0 with no layers', () => expect(overallPercent([])).toBe(0));
});
