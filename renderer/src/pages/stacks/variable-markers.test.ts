import { describe, expect, it } from 'vitest';
import { variableMarkers } from './variable-markers';

describe('undefined variable markers', () => {
  it('marks each use of the named variables with line and column, and nothing else', () => {
    const text = 'services:\n  a:\n    image: "app:${TAG}"\n    command: echo $TAG $$TAG $HOME ${OTHER:-x}\n';
    const markers = variableMarkers(text, ['TAG', 'OTHER']);
    expect(markers.map((m) => [m.startLineNumber, m.startColumn, m.endColumn])).toEqual([
      [3, 17, 23],
      [4, 19, 23],
      [4, 36, 47],
    ]);
    expect(markers[0]!.message).toMatch(/^TAG is not set/);
    expect(variableMarkers(text, [])).toEqual([]);
  });
});
