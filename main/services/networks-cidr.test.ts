import { describe, expect, it } from 'vitest';
import { contains, overlaps, parseCidr } from './networks-cidr';

describe('networks-cidr', () => {
  it('parses a CIDR to its range, aligning the base', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ start: 10 * 2 ** 24, end: 11 * 2 ** 24 - 1 });
    expect(parseCidr('192.168.1.77/24')).toEqual(parseCidr('192.168.1.0/24'));
    expect(parseCidr('300.0.0.0/8')).toBeNull();
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('fd00::/64')).toBeNull();
  });
  it('finds overlaps both ways and leaves neighbours alone', () => {
    expect(overlaps('172.30.0.0/16', '172.30.5.0/24')).toBe(true);
    expect(overlaps('172.30.5.0/24', '172.30.0.0/16')).toBe(true);
    expect(overlaps('172.30.0.0/24', '172.30.1.0/24')).toBe(false);
    expect(overlaps('fd00::/64', '172.30.1.0/24')).toBe(false);
  });
  it('checks an address against a subnet', () => {
    expect(contains('172.30.0.0/16', '172.30.9.9')).toBe(true);
    expect(contains('172.30.0.0/16', '172.31.0.1')).toBe(false);
  });
});
