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
