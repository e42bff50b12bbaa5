import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../preload/contract';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('uses the message of BerthErrors and plain error shapes', () => {
    expect(errorMessage(new BerthError('CONFLICT', 'Container is already stopped'))).toBe('Container is already stopped');
    expect(errorMessage({ code: 'NOT_FOUND', message: 'No such container: web' })).toBe('No such container: web');
  });
  it('never returns an empty string', () => {
    expect(errorMessage(undefined)).toMatch(/went wrong/);
    expect(errorMessage(new Error(''))).toMatch(/went wrong/);
  });
});
