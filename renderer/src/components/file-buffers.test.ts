import { describe, expect, it } from 'vitest';
import type { StackFile } from '../../../preload/contract';
import { FileBuffers, isDirty } from './file-buffers';

const file = (path: string, text: string, sha = 'a'): StackFile => ({ path, text, stamp: { sha256: sha, mtimeMs: 1, size: text.length } }) as StackFile;

describe('FileBuffers', () => {
  it('hands a save the text of the last keystroke, before anything renders', () => {
    const b = new FileBuffers();
    b.reset([file('/s/compose.yaml', 'services: {}\n')]);
    let text = 'services: {}\n';
    // Keys typed at full speed, each reported at once by the editor; the save comes right after the last one.
    for (const ch of '# typed fast') b.edit('/s/compose.yaml', (text += ch));
    expect(b.get('/s/compose.yaml')?.text).toBe('services: {}\n# typed fast');
    expect(isDirty(b.get('/s/compose.yaml'))).toBe(true);
  });

  it('keeps what was typed while a save was under way, and stays dirty for it', () => {
    const b = new FileBuffers();
    b.reset([file('/s/.env', 'A=1\n')]);
    b.edit('/s/.env', 'A=1\nB=2\n');
    const sent = b.get('/s/.env')!.text;
    b.edit('/s/.env', 'A=1\nB=2\nC=3\n'); // typed after the save left
    b.saved('/s/.env', sent, { sha256: 'b', mtimeMs: 2, size: sent.length } as StackFile['stamp']);
    const f = b.get('/s/.env')!;
    expect(f.base.text).toBe('A=1\nB=2\n');
    expect(f.base.stamp?.sha256).toBe('b');
    expect(f.text).toBe('A=1\nB=2\nC=3\n');
    expect(isDirty(f)).toBe(true);
    b.saved('/s/.env', f.text, { sha256: 'c', mtimeMs: 3, size: f.text.length } as StackFile['stamp']);
    expect(isDirty(b.get('/s/.env'))).toBe(false);
  });

  it('tells its subscribers of every change, gives a new snapshot each time, and ignores files that are not open', () => {
    const b = new FileBuffers();
    let calls = 0;
    const off = b.subscribe(() => calls++);
    b.reset([file('/s/compose.yaml', 'x')]);
    const first = b.snapshot();
    b.edit('/s/compose.yaml', 'xy');
    expect(b.snapshot()).not.toBe(first);
    b.edit('/s/compose.yaml', 'xy'); // no change: no news
    b.edit('/s/not-open', 'z');
    expect(b.has('/s/not-open')).toBe(false);
    b.open(file('/s/web/Dockerfile', 'FROM x\n'));
    expect(calls).toBe(3);
    b.reset([], false); // while React renders: no news
    expect(calls).toBe(3);
    expect(b.snapshot().size).toBe(0);
    off();
    b.open(file('/s/a', ''));
    expect(calls).toBe(3);
  });
});
