import { describe, expect, it } from 'vitest';
import type { TrackedOperation } from '../../../preload/contract';
import { applyBuildMessage, applyTransferMessage, endLive, liveOutcomeToast, MAX_LOG_LINES, mergeOperations, newLive, outcomesToToast } from './operations-model';

const op = (id: number, kind: TrackedOperation['kind'], state: TrackedOperation['state'], label = `${kind} thing-${id}`): TrackedOperation => ({
  id,
  kind,
  label,
  state,
  progress: null,
  detail: '',
  error: state === 'failed' ? 'no' : null,
  queuedAt: 0,
  startedAt: 0,
  finishedAt: state === 'running' ? null : 1,
});

describe('outcomesToToast', () => {
  it('toasts operations that just finished off their page, not those on screen, cancelled, reported by their caller or by this window’s stream', () => {
    const before = [op(1, 'backup', 'running'), op(2, 'compose', 'running'), op(3, 'restore', 'running'), op(4, 'pull', 'running'), op(5, 'clone', 'done'), op(6, 'bulk', 'running'), op(7, 'build', 'running'), op(8, 'push', 'running'), op(9, 'copy', 'running')];
    const after = [op(1, 'backup', 'done'), op(2, 'compose', 'failed'), op(3, 'restore', 'cancelled'), op(4, 'pull', 'done'), op(5, 'clone', 'done'), op(6, 'bulk', 'done'), op(7, 'build', 'done'), op(8, 'push', 'failed'), op(9, 'copy', 'done')];
    // The copy (9) is its dialog's to report, on any page, like the bulk action (6) and the run dialog's pull (4).
    const none = new Set<number>();
    expect(outcomesToToast(before, after, 'containers', none).map((t) => t.title)).toEqual(['Backup thing-1', 'Could not compose thing-2', 'Build thing-7', 'Could not push thing-8']);
    expect(outcomesToToast(before, after, 'volumes', none).map((t) => t.title)).toEqual(['Could not compose thing-2', 'Build thing-7', 'Could not push thing-8']);
    // The build and the push were this window's own: their streams say their outcome, so main's list does not.
    expect(outcomesToToast(before, after, 'volumes', new Set([7, 8])).map((t) => t.title)).toEqual(['Could not compose thing-2']);
    expect(outcomesToToast(before, after, 'containers', none)[1]).toEqual({ ok: false, title: 'Could not compose thing-2', message: 'no' });
  });
});

describe('a stream’s detail', () => {
  it('takes main’s id, layer progress, log lines and the result from a pull’s messages', () => {
    let live = newLive(1, 'pull', 'busybox', 10);
    live = applyTransferMessage(live, { type: 'operation', id: 42 });
    const progress = { type: 'progress' as const, layers: [{ id: 'a', phase: 'downloading' as const, current: 1, total: 2, fraction: 0.25 }], percent: 25, bytes: { current: 1, total: 2 }, status: 'Downloading' };
    live = applyTransferMessage(live, progress);
    live = applyTransferMessage(live, { type: 'log', line: 'Pulling fs layer' });
    live = applyTransferMessage(live, { type: 'done', ref: 'busybox', id: 'sha256:x', digest: 'sha256:d', status: 'ok' });
    expect(live).toMatchObject({ operationId: 42, transfer: progress, log: ['Pulling fs layer'], result: { id: 'sha256:x', digest: 'sha256:d' } });
  });

  it('keeps a build’s steps, context and non-empty log lines, at most MAX_LOG_LINES of them', () => {
    let live = newLive(2, 'build', 'app:1', 10, { context: '/src', dockerfile: 'Dockerfile' });
    live = applyBuildMessage(live, { type: 'context', bytes: 100, files: 3, warning: null });
    live = applyBuildMessage(live, { type: 'step', step: 2, total: 3, instruction: 'RUN make' });
    live = applyBuildMessage(live, { type: 'log', text: 'one\n\n  \ntwo\n' });
    expect(live).toMatchObject({ context: { bytes: 100, files: 3 }, step: { step: 2, total: 3, instruction: 'RUN make' }, log: ['one', 'two'] });
    for (let i = 0; i < MAX_LOG_LINES; i++) live = applyBuildMessage(live, { type: 'log', text: `line ${i}` });
    expect(live.log).toHaveLength(MAX_LOG_LINES);
    expect(live.log[0]).toBe('line 0');
    expect(live.log.at(-1)).toBe(`line ${MAX_LOG_LINES - 1}`);
  });

  it('ends once: done, failed with the error, or cancelled; and toasts all but a cancel', () => {
    const live = newLive(3, 'push', 'reg/app:1', 10);
    expect(liveOutcomeToast(endLive(live, null, 20))).toEqual({ ok: true, title: 'Pushed reg/app:1', message: 'Done.' });
    const failed = endLive(live, { code: 'PERMISSION_DENIED', message: 'log in' }, 20);
    expect(failed).toMatchObject({ ended: 'failed', endedAt: 20 });
    expect(liveOutcomeToast(failed)).toEqual({ ok: false, title: 'Could not push reg/app:1', message: 'log in' });
    expect(endLive(failed, null, 30)).toBe(failed);
    expect(liveOutcomeToast(endLive(live, { code: 'CANCELLED', message: 'Cancelled.' }, 20))).toBeNull();
  });
});

describe('mergeOperations', () => {
  it('joins main’s record with this window’s stream by main’s id: main says the state until the stream ends', () => {
    const tracked = [op(7, 'build', 'running', 'build app:1'), op(5, 'backup', 'done', 'backup data')];
    const live = applyBuildMessage(newLive(1, 'build', 'app:1', 10), { type: 'operation', id: 7 });
    const [build, backup] = mergeOperations(tracked, [live]);
    expect(build).toMatchObject({ id: 7, kind: 'build', subject: 'app:1', state: 'running', live: { key: 1 } });
    expect(backup).toMatchObject({ id: 5, subject: 'data', state: 'done', live: null });
    const failed = endLive(live, { code: 'ENGINE_ERROR', message: 'Step 2/2 failed', details: { step: 2 } }, 30);
    expect(mergeOperations(tracked, [failed])[0]).toMatchObject({ id: 7, state: 'failed', error: { message: 'Step 2/2 failed', details: { step: 2 } }, finishedAt: 30 });
  });

  it('lists a stream main has not listed yet (or refused before tracking) on its own, newest first', () => {
    const waiting = applyTransferMessage(newLive(1, 'pull', 'a', 10), { type: 'operation', id: 9 });
    const refused = endLive(newLive(2, 'pull', 'b', 20), { code: 'INVALID_INPUT', message: 'bad ref' }, 21);
    const merged = mergeOperations([op(3, 'compose', 'running')], [waiting, refused]);
    expect(merged.map((o) => [o.id, o.subject, o.state])).toEqual([
      [-2, 'b', 'failed'],
      [9, 'a', 'running'],
      [3, 'thing-3', 'running'],
    ]);
  });

  it('uses main’s error text for an operation this window did not stream', () => {
    expect(mergeOperations([op(4, 'compose', 'failed')], [])[0]!.error).toEqual({ code: 'ENGINE_ERROR', message: 'no' });
  });
});
