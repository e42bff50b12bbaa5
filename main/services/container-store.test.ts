import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../preload/contract/containers';
import { listChanges, sameListing } from './container-store';

const listing = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  engineId: 'local',
  id: 'a'.repeat(64),
  name: 'web',
  image: 'nginx:1',
  imageId: 'sha256:1',
  command: 'nginx',
  created: 1_700_000_000_000,
  state: 'exited',
  status: 'Exited (0) 5 minutes ago',
  statusSince: 1_700_000_100_000,
  health: null,
  ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }],
  labels: { a: '1' },
  compose: null,
  networks: ['bridge'],
  ...over,
});

describe('sameListing', () => {
  it('ignores how old the status is', () => {
    expect(sameListing(listing(), listing({ status: 'Exited (0) About an hour ago', statusSince: 1 }))).toBe(true);
    expect(sameListing(listing({ state: 'running', status: 'Up 3 seconds' }), listing({ state: 'running', status: 'Up Less than a second' }))).toBe(true);
    expect(sameListing(listing({ state: 'running', status: 'Up 2 days (healthy)' }), listing({ state: 'running', status: 'Up 3 days (healthy)' }))).toBe(true);
  });
  it('sees every change a row shows', () => {
    expect(sameListing(listing(), listing({ status: 'Exited (137) 5 minutes ago' }))).toBe(false);
    expect(sameListing(listing(), listing({ state: 'running', status: 'Up 5 minutes' }))).toBe(false);
    expect(sameListing(listing({ status: 'Up 5 minutes (healthy)' }), listing({ status: 'Up 5 minutes (unhealthy)' }))).toBe(false);
    expect(sameListing(listing(), listing({ name: 'web-2' }))).toBe(false);
    expect(sameListing(listing(), listing({ ports: [] }))).toBe(false);
    expect(sameListing(listing(), listing({ labels: { a: '2' } }))).toBe(false);
    expect(sameListing(listing(), listing({ networks: ['bridge', 'app'] }))).toBe(false);
    expect(sameListing(listing(), listing({ imageId: 'sha256:2' }))).toBe(false);
  });
});

describe('listChanges', () => {
  it('sends the containers that differ or are new, and removes the ones gone', () => {
    const same = listing({ id: '1' });
    const changed = listing({ id: '2' });
    const gone = listing({ id: '3' });
    const held = new Map([same, changed, gone].map((c) => [c.id, c]));
    const fresh = [listing({ id: '1', status: 'Exited (0) 6 minutes ago' }), listing({ id: '2', state: 'running', status: 'Up 1 second' }), listing({ id: '4' })];
    const { upserts, removes } = listChanges(held, fresh);
    expect(upserts.map((c) => c.id)).toEqual(['2', '4']);
    expect(removes).toEqual(['3']);
  });
  it('sends nothing when nothing changed', () => {
    const held = new Map([listing({ id: '1' })].map((c) => [c.id, c]));
    expect(listChanges(held, [listing({ id: '1' })])).toEqual({ upserts: [], removes: [] });
  });
});
