import { describe, expect, it } from 'vitest';
import { MASK } from '../../../preload/contract/secrets';
import { inspectText } from './inspect-text';

const raw = { Id: 'abc', Config: { Env: ['PATH=/bin', 'DB_PASSWORD=hunter2'], Image: 'x' } };

describe('inspectText', () => {
  it('masks secret env values until revealed, and keeps the rest', () => {
    const masked = inspectText(raw, false);
    expect(masked).not.toContain('hunter2');
    expect(masked).toContain(`"DB_PASSWORD=${MASK}"`);
    expect(masked).toContain('"PATH=/bin"');
    expect(inspectText(raw, true)).toContain('"DB_PASSWORD=hunter2"');
  });
  it('does not touch the object it was given', () => {
    inspectText(raw, false);
    expect(raw.Config.Env[1]).toBe('DB_PASSWORD=hunter2');
  });
  it('copes with an inspect without Config.Env', () => {
    expect(JSON.parse(inspectText({ Id: 'x' }, false))).toEqual({ Id: 'x' });
  });
});
