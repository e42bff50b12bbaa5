import { describe, expect, it } from 'vitest';
import { nameParts } from './middle-ellipsis';

describe('nameParts', () => {
  it('leaves a short name whole', () => {
    expect(nameParts('web-1')).toBeNull();
    expect(nameParts('a'.repeat(19))).toBeNull();
  });

  it('keeps the last ten characters of a long name whole', () => {
    expect(nameParts('berth-ci-runner-pool-7-web-1')).toEqual(['berth-ci-runner-po', 'ol-7-web-1']);
    expect(nameParts('berth-t-scale-vol-cd5e7e-2b222-0042')).toEqual(['berth-t-scale-vol-cd5e7e-', '2b222-0042']);
  });

  it('never cuts a character in two', () => {
    const name = `${'x'.repeat(15)}😀${'y'.repeat(9)}`;
    expect(nameParts(name)).toEqual(['x'.repeat(15), `😀${'y'.repeat(9)}`]);
    // 19 characters (20 code units): short enough to show whole.
    expect(nameParts(`${'x'.repeat(18)}😀`)).toBeNull();
    // Characters outside the BMP at the cut and all through the end.
    expect(nameParts(`${'x'.repeat(12)}😀${'🐳'.repeat(10)}`)).toEqual([`${'x'.repeat(12)}😀`, '🐳'.repeat(10)]);
    expect(nameParts('🐳'.repeat(25))).toEqual(['🐳'.repeat(15), '🐳'.repeat(10)]);
  });

  it('splits as splitting by characters does', () => {
    const names = ['berth-t-scale-c3793a-e3981-c-600', `a😀b${'c'.repeat(30)}😀`, `${'é'.repeat(20)}🐳x`, 'x'.repeat(20)];
    for (const name of names) {
      const chars = Array.from(name);
      expect(nameParts(name)).toEqual(chars.length < 20 ? null : [chars.slice(0, -10).join(''), chars.slice(-10).join('')]);
    }
  });
});
