import { Decoder, ExtensionCodec } from '@msgpack/msgpack';
import { JSON_TEXT_EXT, type ServerMessage } from './wire';

const utf8 = new TextDecoder();
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: JSON_TEXT_EXT,
  encode: () => null, // clients never send it
  decode: (data) => JSON.parse(utf8.decode(data)) as unknown,
});
const decoder = new Decoder({ extensionCodec });

/**
 * One of main's web-mode frames, decoded: MessagePack, with the values main sent as JSON text (the big lists:
 * define.ts `jsonMessages`) parsed natively. For every client of the socket (the page, tests, benchmarks).
 */
export function decodeServerFrame(frame: Uint8Array): ServerMessage {
  return decoder.decode(frame) as ServerMessage;
}
