import type { BerthErrorShape } from './errors';

/**
 * The message vocabulary shared by both transports. Electron carries these objects with structured clone;
 * the WebSocket transport encodes them with MessagePack, so `Uint8Array` payloads stay binary on both.
 */
export type ClientMessage =
  | { t: 'call'; id: number; path: string; input: unknown }
  | { t: 'sub'; id: number; path: string; input: unknown }
  | { t: 'unsub'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: BerthErrorShape }
  | { t: 'next'; id: number; value: unknown }
  | { t: 'error'; id: number; error: BerthErrorShape }
  | { t: 'complete'; id: number };

/**
 * The MessagePack extension type of a value sent as JSON text (UTF-8): web mode sends the messages of streams marked
 * `jsonMessages` (define.ts) so. Electron's IPC carries them as objects, as every other.
 */
export const JSON_TEXT_EXT = 0x4a;

/**
 * The MessagePack extension type of a packed stream message (packed.ts): MessagePack of `[packing name, packed]`,
 * unpacked by the client's transport with the stream's input.
 */
export const PACKED_EXT = 0x50;

/** Channel names used over Electron IPC; every one carries the `berth:` prefix. */
export const IPC_CHANNELS = {
  call: 'berth:call',
  subscribe: 'berth:sub',
  unsubscribe: 'berth:unsub',
  stream: 'berth:stream',
} as const;
