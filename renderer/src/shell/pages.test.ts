import { describe, expect, it } from 'vitest';
import { hashFor, legacyEngine, pageFromHash, parseHash, resolveRoute, routeFromHash } from './pages';

describe('pageFromHash', () => {
  it('reads the page from the hash and falls back to containers', () => {
    expect(pageFromHash('#/images')).toBe('images');
    expect(pageFromHash('#/settings/theme')).toBe('settings');
    expect(pageFromHash('')).toBe('containers');
    expect(pageFromHash('#/nope')).toBe('containers');
    expect(pageFromHash('#/e/tls/volumes')).toBe('volumes');
    expect(pageFromHash('#/all/networks')).toBe('networks');
  });
});

describe('routeFromHash / hashFor', () => {
  it('reads an engine, an item and a tab, and writes them back', () => {
    expect(routeFromHash('#/e/local/containers/abc123/logs')).toEqual({ engineId: 'local', page: 'containers', item: 'abc123', tab: 'logs' });
    expect(routeFromHash('#/e/local/containers/abc123')).toEqual({ engineId: 'local', page: 'containers', item: 'abc123', tab: null });
    expect(routeFromHash('#/e/berth-world-tls/images')).toEqual({ engineId: 'berth-world-tls', page: 'images', item: null, tab: null });
    expect(routeFromHash('#/all/containers')).toEqual({ engineId: null, page: 'containers', item: null, tab: null });
    expect(routeFromHash('#/e/local/nope/abc')).toEqual({ engineId: 'local', page: 'containers', item: null, tab: null });
    expect(hashFor({ engineId: 'ssh-box', page: 'containers', item: 'c1', tab: 'stats' })).toBe('#/e/ssh-box/containers/c1/stats');
    expect(hashFor({ engineId: 'local', page: 'containers', item: null, tab: 'terminal' })).toBe('#/e/local/containers');
    expect(hashFor({ engineId: null, page: 'volumes' })).toBe('#/all/volumes');
    expect(routeFromHash(hashFor({ engineId: 'local', page: 'containers', item: 'a/b c', tab: 'x' }))).toEqual({ engineId: 'local', page: 'containers', item: 'a/b c', tab: 'x' });
  });
  it('leaves settings out of any engine', () => {
    expect(routeFromHash('#/e/local/settings')).toEqual({ engineId: null, page: 'settings', item: null, tab: null });
    expect(hashFor({ engineId: 'local', page: 'settings' })).toBe('#/settings');
    expect(parseHash('#/settings').namesEngine).toBe(true);
  });
  it('tells an old link (no engine) from one that names its engine', () => {
    expect(parseHash('#/containers/abc/logs')).toEqual({ route: { engineId: null, page: 'containers', item: 'abc', tab: 'logs' }, namesEngine: false });
    expect(parseHash('#/e/%2F/containers').namesEngine).toBe(false);
    expect(parseHash('#/e//containers').namesEngine).toBe(false);
  });
});

describe('resolveRoute', () => {
  it('sends an old link to an object to local, or to the only engine there is', () => {
    expect(resolveRoute('#/containers/abc/logs', null, undefined)).toEqual({ engineId: 'local', page: 'containers', item: 'abc', tab: 'logs' });
    expect(resolveRoute('#/containers/abc/logs', ['local', 'tls'], null).engineId).toBe('local');
    expect(resolveRoute('#/stacks/%2Fsrv%2Fcompose.yaml', ['box'], 'tls')).toEqual({ engineId: 'box', page: 'stacks', item: '/srv/compose.yaml', tab: null });
    expect(legacyEngine(['a', 'b'])).toBe('local');
  });
  it('keeps what a route names: an engine, or every engine', () => {
    expect(resolveRoute('#/e/tls/containers/abc', ['local'], 'local').engineId).toBe('tls');
    expect(resolveRoute('#/all/images', ['local', 'tls'], 'tls').engineId).toBeNull();
  });
  it('opens a list without an engine on the remembered scope while it exists, else local', () => {
    expect(resolveRoute('', ['local', 'tls'], 'tls')).toEqual({ engineId: 'tls', page: 'containers', item: null, tab: null });
    expect(resolveRoute('#/images', ['local', 'tls'], null).engineId).toBeNull();
    expect(resolveRoute('#/images', ['local'], 'gone').engineId).toBe('local');
    expect(resolveRoute('#/', null, undefined).engineId).toBe('local');
    expect(resolveRoute('#/volumes', ['box'], undefined).engineId).toBe('box');
  });
});
