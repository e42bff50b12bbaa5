import { describe, expect, it } from 'vitest';
import { cleanWatchLine, isWatchingLine, watchedServicesOf, watchSupportOf } from './stacks-watch-model';

describe('compose watch support', () => {
  it('is there from compose v2.22', () => {
    expect(watchSupportOf({ kind: 'v2', version: '2.26.1-4' })).toEqual({ supported: true, reason: null });
    expect(watchSupportOf({ kind: 'v2', version: 'v2.22.0' })).toEqual({ supported: true, reason: null });
    expect(watchSupportOf({ kind: 'v2', version: '3.0.0' }).supported).toBe(true);
    expect(watchSupportOf({ kind: 'v2', version: '2.100.0' }).supported).toBe(true);
  });
  it('says which version is needed, and what was found, when it is not', () => {
    const v1 = watchSupportOf({ kind: 'v1', version: '1.29.2' });
    expect(v1.supported).toBe(false);
    expect(v1.reason).toContain('v2.22.0 or later');
    expect(v1.reason).toContain('docker-compose 1.29.2');
    const old = watchSupportOf({ kind: 'v2', version: '2.21.0' });
    expect(old).toEqual({ supported: false, reason: expect.stringContaining('this is Docker Compose 2.21.0') });
    expect(watchSupportOf({ kind: 'v2', version: '2.9.9' }).supported).toBe(false);
    expect(watchSupportOf({ kind: null, version: null, problem: 'nothing on PATH' }).reason).toContain('nothing on PATH');
  });
});

describe('services with develop.watch', () => {
  it('lists those with a non-empty watch list', () => {
    const text = `services:
  web:
    build: .
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
  api:
    develop:
      watch: []
  db:
    image: postgres
`;
    expect(watchedServicesOf(text)).toEqual(['web']);
  });
  it('none while the file does not parse or has no services', () => {
    expect(watchedServicesOf('services: [\n')).toEqual([]);
    expect(watchedServicesOf('name: x\n')).toEqual([]);
  });
});

describe('watch output', () => {
  it('drops the erase-line compose writes before its status lines', () => {
    expect(cleanWatchLine('\x1b[2KSyncing "web" after changes were detected\r')).toBe('Syncing "web" after changes were detected');
    expect(isWatchingLine(cleanWatchLine('\x1b[2KWatch enabled'))).toBe(true);
    expect(isWatchingLine('Syncing "web" after changes were detected')).toBe(false);
  });
});
