/**
 * dockerfile-ast checks for a UTF-8 byte order mark with `Buffer.from(char, 'UTF-8')`, a Node API the page does not
 * have. For the length of one synchronous parse, a stand-in with TextEncoder (the same bytes) is put on globalThis
 * and taken away again, so no other library sees a half Buffer and takes the page for Node.
 */
export function withNodeBuffer<T>(parse: () => T): T {
  const g = globalThis as { Buffer?: unknown };
  if (g.Buffer !== undefined) return parse();
  g.Buffer = { from: (text: string) => new TextEncoder().encode(text) };
  try {
    return parse();
  } finally {
    delete g.Buffer;
  }
}
