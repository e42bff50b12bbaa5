import { describe, expect, it } from 'vitest';
import { compareNatural } from './natural-compare';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** A small deterministic generator (mulberry32), so a failure names strings that can be tried again. */
function random(seed: number) {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function strings(alphabet: string, count: number, maxLength: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * (maxLength + 1));
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  });
}

let printable = '';
for (let c = 0x20; c < 0x7f; c++) printable += String.fromCharCode(c);

describe('compareNatural', () => {
  it('orders as the en collator (numeric, base) does, over every printable ASCII character', () => {
    const chars = [...printable];
    for (const a of chars) for (const b of chars) expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
  });

  it('orders names with numbers, leading zeros, case and punctuation as the collator does', () => {
    // Names shaped like containers' and images': few characters, many digits and separators, so the pairs hit
    // numbers of different lengths, leading zeros and prefixes often.
    const names = strings('aAbZz0019 _-.:/@$~', 3000, 8, 1);
    for (let k = 0; k + 1 < names.length; k++) {
      const [a, b] = [names[k]!, names[k + 1]!];
      expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
    const wide = strings(printable, 3000, 12, 2);
    for (let k = 0; k + 1 < wide.length; k++) {
      const [a, b] = [wide[k]!, wide[k + 1]!];
      expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });

  it('sorts a list the way people read numbered names', () => {
    const names = ['web-10', 'Web-2', 'db', 'web-1', 'api_1', 'api-1', 'web-02', 'cache.1'];
    expect([...names].sort(compareNatural)).toEqual([...names].sort((a, b) => collator.compare(a, b)));
    expect([...names].sort(compareNatural).slice(0, 5)).toEqual(['api_1', 'api-1', 'cache.1', 'db', 'web-1']);
  });

  it('hands strings with other characters to the collator', () => {
    expect(compareNatural('café', 'cafe')).toBe(0);
    expect(sign(compareNatural('éclair', 'fig'))).toBe(-1);
    expect(sign(compareNatural('tab\there', 'tab here'))).toBe(sign(collator.compare('tab\there', 'tab here')));
  });
});
