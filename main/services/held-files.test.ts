import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeldFiles, heldFilesBudget } from './held-files';

let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const openFds = () => readdirSync('/proc/self/fd').length;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-held-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('files held open and read from the start each time', () => {
  it('reads the whole text, and what it says now, not what it said when opened', () => {
    const files = new HeldFiles(8);
    const p = file('cpu.stat', 'usage_usec 100\n');
    expect(files.read(p)).toBe('usage_usec 100\n');
    writeFileSync(p, 'usage_usec 250\nuser_usec 7\n');
    expect(files.read(p)).toBe('usage_usec 250\nuser_usec 7\n');
    expect(files.size).toBe(1);
    files.releaseAll();
  });

  it('reads a file bigger than its buffer whole', () => {
    const files = new HeldFiles(8);
    const big = 'x'.repeat(70_000) + '\nend\n';
    expect(files.read(file('memory.stat', big))).toBe(big);
    files.releaseAll();
  });

  it('holds at most its budget, closing the least recently read first', () => {
    const before = openFds();
    const files = new HeldFiles(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => file(n, n));
    files.read(a!);
    files.read(b!);
    files.read(a!); // a is now the most recent
    files.read(c!); // b gives way
    expect(files.size).toBe(2);
    expect(openFds() - before).toBe(2);
    writeFileSync(a!, 'a2');
    writeFileSync(b!, 'b2');
    expect(files.read(a!)).toBe('a2');
    expect(files.read(b!)).toBe('b2');
    files.releaseAll();
    expect(openFds()).toBe(before);
  });

  it('with no budget, opens and closes every time', () => {
    const before = openFds();
    const files = new HeldFiles(0);
    expect(files.read(file('x', 'one'))).toBe('one');
    expect(files.size).toBe(0);
    expect(openFds()).toBe(before);
  });

  it('a file that cannot be read throws, and its descriptor is closed', () => {
    const before = openFds();
    const files = new HeldFiles(4);
    expect(() => files.read(dir)).toThrow(/EISDIR/); // opens, then fails to read
    expect(() => files.read(path.join(dir, 'gone'))).toThrow(/ENOENT/);
    expect(files.size).toBe(0);
    expect(openFds()).toBe(before);
  });

  it('release closes only the paths named', () => {
    const files = new HeldFiles(4);
    const [a, b] = ['a', 'b'].map((n) => file(n, n));
    files.read(a!);
    files.read(b!);
    files.release([a!, path.join(dir, 'never-read')]);
    expect(files.size).toBe(1);
    files.releaseAll();
    expect(files.size).toBe(0);
  });
});

describe('how many descriptors the stats fast path may hold', () => {
  const limits = (soft: string, hard: string) =>
    `Limit                     Soft Limit           Hard Limit           Units     \nMax open files            ${soft}                ${hard}                files     \n`;
  it('a quarter of the soft limit, at most 2,048', () => {
    expect(heldFilesBudget(limits('1024', '4096'))).toBe(256);
    expect(heldFilesBudget(limits('20000', '20000'))).toBe(2048);
    expect(heldFilesBudget(limits('2', '2'))).toBe(0);
  });
  it('a modest budget when the limit is unlimited or unknown', () => {
    expect(heldFilesBudget(limits('unlimited', 'unlimited'))).toBe(256);
    expect(heldFilesBudget(null)).toBe(256);
  });
});
