import { BerthError } from '../../preload/contract/errors';
/**
 * Splits a byte stream of newline-delimited JSON (the engine's /events and progress streams) into objects.
 * Chunks may end mid-line or mid-UTF-8 character; the decoder and the carry-over handle both.
 */
export class JsonLineSplitter<T = unknown> {
  private carry = '';
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly onObject: (value: T) => void,
    private readonly onBadLine: (line: string) => void = () => {},
  ) {}

  push(chunk: Uint8Array): void {
    const text = this.carry + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
  }

  end(): void {
    const rest = this.carry + this.decoder.decode();
    this.carry = '';
    this.emit(rest);
  }

  private emit(line: string) {
    const trimmed = line.trim();
    if (!trimmed) return;
    let value: T;
    try {
      value = JSON.parse(trimmed) as T;
    } catch {
      this.onBadLine(trimmed);
      return;
    }
    this.onObject(value);
  }
}

/**
 * Reads `stream` to its end through `splitter`. An abort of `signal` destroys the stream and rejects with
 * CANCELLED (`cancelled` says what was); any other failure rejects as it came.
 */
export async function readJsonLines(
  stream: AsyncIterable<unknown> & { destroy(): unknown },
  splitter: { push(chunk: Uint8Array): void; end(): void },
  signal: AbortSignal,
  cancelled: string,
): Promise<void> {
  const onAbort = () => stream.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) splitter.push(chunk as Uint8Array);
    splitter.end();
  } catch (err) {
    if (signal.aborted) throw new BerthError('CANCELLED', cancelled);
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
