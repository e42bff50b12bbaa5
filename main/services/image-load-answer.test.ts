import { describe, expect, it } from 'vitest';
import { readLoadAnswer } from './image-load-answer';

async function* chunks(...parts: string[]) {
  for (const p of parts) yield new TextEncoder().encode(p);
}

describe('readLoadAnswer', () => {
  it('names each image loaded, tagged or by id, across chunk boundaries', async () => {
    const answer = await readLoadAnswer(chunks('{"stream":"Loaded image: app:1\\n"}\n{"stream":"Loaded ima', 'ge ID: sha256:ab12\\n"}\n'));
    expect(answer).toEqual({ loaded: ['app:1', 'sha256:ab12'], error: null });
  });

  it("says the engine's error, preferring its detail", async () => {
    expect(await readLoadAnswer(chunks('{"error":"short","errorDetail":{"message":"unexpected EOF"}}\n'))).toEqual({ loaded: [], error: 'unexpected EOF' });
    expect(await readLoadAnswer(chunks('{"error":"no manifest"}'))).toEqual({ loaded: [], error: 'no manifest' });
  });
});
