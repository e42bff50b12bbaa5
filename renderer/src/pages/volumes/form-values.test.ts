import { describe, expect, it } from 'vitest';
import { backupFileName, parsePairs } from './form-values';

describe('form values', () => {
  it('names backups by volume and time', () => {
    expect(backupFileName('pgdata', new Date(2025, 0, 31, 9, 5))).toBe('pgdata-2025-01-31-0905.tar.gz');
  });
  it('parses key=value lines and points at a bad one', () => {
    expect(parsePairs('a=1\n\n b = two=2 ')).toEqual({ pairs: { a: '1', b: 'two=2' }, error: null });
    expect(parsePairs('a=1\nnope').error).toBe('Line 2: write key=value.');
  });
});
