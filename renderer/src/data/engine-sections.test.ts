import { describe, expect, it } from 'vitest';
import { groupByEngine, isEngineHeader, type EngineHeader } from './engine-sections';

describe('groupByEngine', () => {
  const items = [
    { e: 'tls', n: 'b' },
    { e: 'local', n: 'a' },
    { e: 'gone', n: 'z' },
    { e: 'tls', n: 'a' },
  ];
  const names = new Map([
    ['local', 'Local'],
    ['tls', 'TLS'],
  ]);
  const label = (r: { n: string } | EngineHeader) =>
    isEngineHeader(r) ? `<${r.title} ${r.count}>` : (r as { n: string }).n;

  it('puts each engine’s rows under its header, in the engines’ order, unknown engines last', () => {
    const rows = groupByEngine(
      items,
      (i) => i.e,
      ['local', 'tls'],
      names,
      (list) => [...list].sort((a, b) => a.n.localeCompare(b.n)),
    );
    expect(rows.map(label)).toEqual(['<Local 1>', 'a', '<TLS 2>', 'a', 'b', '<gone 1>', 'z']);
  });

  it('leaves out engines whose rows are all filtered away', () => {
    const rows = groupByEngine(
      items,
      (i) => i.e,
      ['local', 'tls'],
      names,
      (list) => list.filter((i) => i.n === 'b'),
    );
    expect(rows.map(label)).toEqual(['<TLS 1>', 'b']);
  });
});
