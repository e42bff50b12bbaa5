import { decode, Decoder, ExtensionCodec } from '@msgpack/msgpack';
import { PackedValue, type WirePacking } from './packed';
import { statsPacking } from './stats-pack';
import { JSON_TEXT_EXT, PACKED_EXT, type ServerMessage } from './wire';

const utf8 = new TextDecoder();
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: JSON_TEXT_EXT,
  encode: () => null, // clients never send it
  decode: (data) => JSON.parse(utf8.decode(data)) as unknown,
});
extensionCodec.register({
  type: PACKED_EXT,
  encode: () => null, // clients never send it
  decode: (data) => {
    const v = decode(data);
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string') throw new Error('not a packed message');
    return new PackedValue(v[0], v[1]);
  },
});
const decoder = new Decoder({ extensionCodec });

/** The packings clients know (define.ts `packed`), by name. */
const PACKINGS = new Map<string, WirePacking>([[statsPacking.name, statsPacking as WirePacking]]);

/** A stream message as its stream's handlers take it: a packed one (packed.ts) unpacked with the stream's input. */
export function streamValue(value: unknown, input: unknown): unknown {
  if (!(value instanceof PackedValue)) return value;
  const packing = PACKINGS.get(value.name);
  if (!packing) throw new Error(`a message packed as '${value.name}', which this client does not know`);
  return packing.unpack(value.packed, input);
}

/**
 * One of main's web-mode frames, decoded: MessagePack, with the values main sent as JSON text (the big lists:
 * define.ts `jsonMessages`) parsed natively. For every client of the socket (the page, tests, benchmarks).
 */
export function decodeServerFrame(frame: Uint8Array): ServerMessage {
  return decoder.decode(frame) as ServerMessage;
}
