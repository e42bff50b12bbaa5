import { describe, expect, it } from 'vitest';
import { attachBlocker, chunkBytes, exitText, parseCommand, screenFor, type SessionStatus } from './terminal-screen';

const base: SessionStatus = { phase: 'ready', exitCode: null, containerRunning: true, error: null };

describe('screenFor', () => {
  it('is live while ready and says when it is opening', () => {
    expect(screenFor(base, true)).toEqual({ kind: 'live' });
    expect(screenFor({ ...base, phase: 'opening' }, true)).toEqual({ kind: 'opening' });
  });
  it('tells an exit from a stopped container', () => {
    expect(screenFor({ ...base, phase: 'exited', exitCode: 0 }, true)).toEqual({ kind: 'exited', code: 0, containerStopped: false });
    expect(screenFor({ ...base, phase: 'exited', exitCode: 137, containerRunning: false }, true)).toEqual({ kind: 'exited', code: 137, containerStopped: true });
  });
  it('maps failures by reason and code', () => {
    const fail = (code: string, reason?: string): SessionStatus => ({
      ...base,
      phase: 'failed',
      error: { code: code as 'NOT_FOUND', message: 'm', ...(reason ? { details: { reason } } : {}) },
    });
    expect(screenFor(fail('NOT_FOUND', 'no-shell'), true).kind).toBe('no-shell');
    expect(screenFor(fail('CONFLICT', 'not-running'), true).kind).toBe('not-running');
    expect(screenFor(fail('ENGINE_UNREACHABLE'), false)).toEqual({ kind: 'engine-gone', message: 'm', engineBack: false });
    expect(screenFor(fail('ENGINE_UNREACHABLE'), true)).toMatchObject({ engineBack: true });
    expect(screenFor(fail('NOT_FOUND'), true).kind).toBe('failed');
    expect(screenFor(fail('NOT_FOUND', 'toolbox-missing'), true)).toEqual({ kind: 'toolbox-missing', message: 'm' });
  });
});

describe('exitText', () => {
  it('names the code when known', () => {
    expect(exitText(3, false)).toBe('process exited (code 3)');
    expect(exitText(null, true)).toBe('process exited — the container stopped');
  });
  it('a debug shell says its helper is gone, and whether the container stopped', () => {
    expect(exitText(137, true, true)).toBe('The debug shell ended: the container stopped. Its helper container was removed.');
    expect(exitText(0, false, true)).toBe('The debug shell ended (code 0). Its helper container was removed.');
  });
});

describe('chunkBytes', () => {
  it('keeps small input whole and splits big input in order', () => {
    const small = new Uint8Array([1, 2]);
    expect(chunkBytes(small, 4)).toEqual([small]);
    expect(chunkBytes(new Uint8Array([1, 2, 3, 4, 5]), 2).map((c) => [...c])).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('parseCommand', () => {
  it('splits on whitespace and honours quotes', () => {
    expect(parseCommand(`/busybox  ls -l "/a b" 'c d'`)).toEqual(['/busybox', 'ls', '-l', '/a b', 'c d']);
    expect(parseCommand('   ')).toEqual([]);
    expect(parseCommand('echo "say \\"hi\\""')).toEqual(['echo', 'say "hi"']);
  });
});

describe('attachBlocker', () => {
  it('allows attach only with a TTY and an open stdin, and names what is missing', () => {
    expect(attachBlocker({ OpenStdin: true, Tty: true })).toBeNull();
    expect(attachBlocker({ OpenStdin: false, Tty: false })).toMatch(/terminal and stdin \(-i -t\)/);
    expect(attachBlocker({ OpenStdin: true, Tty: false })).toMatch(/a terminal \(-t\)/);
    expect(attachBlocker({ OpenStdin: false, Tty: true })).toMatch(/stdin open \(-i\)/);
    expect(attachBlocker(undefined)).toMatch(/-i -t/);
  });
});

describe('screenFor, container removed', () => {
  it('an ended session of a container that no longer exists offers nothing to start', () => {
    expect(screenFor({ ...base, phase: 'exited', exitCode: 137, containerRunning: false }, true, false)).toEqual({ kind: 'container-gone' });
    expect(screenFor({ ...base, phase: 'failed', error: { code: 'NOT_FOUND', message: 'gone' } }, true, false)).toEqual({ kind: 'container-gone' });
    // A live session keeps its screen until it ends.
    expect(screenFor(base, true, false)).toEqual({ kind: 'live' });
  });
});
