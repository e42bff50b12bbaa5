/**
 * A stream's messages in a compact form of their own, for web mode (define.ts `packed`): main packs each message
 * knowing the stream's input, sends it as a MessagePack extension (wire.ts PACKED_EXT), and the client's transport
 * unpacks it with the same input. Electron's IPC carries the messages as they are.
 *
 * Why: Chromium reads a quiet WebSocket 1,000 bytes at a time, and hands each piece to the page as a task of its own
 * (its read buffer grows only past about 1 MB/s). A round of 100 containers' stats as plain MessagePack was 16.8 KB:
 * 17 wake-ups of the page every 2 s, for what fits in 4.
 */
export interface WirePacking<M = unknown> {
  /** Sent with each packed message: the client finds the packing by it. */
  readonly name: string;
  /** Main: the message as plain MessagePack data. Never throws for any input (main then sends the message as is). */
  pack(message: M, input: unknown): unknown;
  /** A client: the message back, the same as `pack` was given. Throws on a shape `pack` does not make. */
  unpack(packed: unknown, input: unknown): M;
}

/** A packed message as decoded from a frame, until the transport that knows its stream's input unpacks it. */
export class PackedValue {
  constructor(
    readonly name: string,
    readonly packed: unknown,
  ) {}
}
