/**
 * Reads a MessagePack frame's structure without building it: how deep it nests, how many values it holds, whether a
 * map has a `__proto__` key, and the message's `t`, `id` and `path` (top-level keys). Iterative, so a frame that is one
 * 1,000,000-level array costs a pass over its bytes, not a million objects or a stack overflow in whatever walks them
 * next. The transport decodes only a frame this passes, and answers a refused one by its id, so one bad call does
 * not close the socket (and every stream on it).
 */
export interface FrameScan {
  /** The top-level `id`, when it is a non-negative integer. */
  id: number | null;
  /** The top-level `t`, when it is a short string. */
  t: string | null;
  /** The top-level `path`, when it is a string of at most 256 bytes. */
  path: string | null;
  /**
   * The top-level `input`'s size, counted as the router counts a decoded input (main/rpc/input-bounds.ts): UTF-8 bytes
   * of strings and keys, bytes of byte arrays, 8 for an array and for any other value. The transport compares it with
   * the entry's limit, so an over-long string is refused without being decoded. 0 when there is no input.
   */
  inputBytes: number;
  /** Why the frame must not be decoded; null when it may. */
  problem: string | null;
}

export interface FrameScanLimits {
  /** How deep the message's input may nest (the input itself is level 1). */
  depth: number;
  values: number;
}

const PROTO = Buffer.from('__proto__');

interface Level {
  left: number;
  map: boolean;
  index: number;
  /** Inside the top-level `input`: its entries count towards `inputBytes`. */
  input: boolean;
}

export function scanFrame(frame: Uint8Array, limits: FrameScanLimits): FrameScan {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const result: FrameScan = { id: null, t: null, path: null, inputBytes: 0, problem: null };
  const stack: Level[] = [];
  let pos = 0;
  let values = 0;
  // The top-level key just read, when it is one this scan reports.
  let topKey: 't' | 'id' | 'path' | 'input' | null = null;

  const fail = (problem: string): FrameScan => ({ ...result, problem });
  const need = (n: number) => pos + n <= buf.length;
  /** A big-endian length or number of 1, 2 or 4 bytes; null when the frame ends first. */
  const readUint = (size: number): number | null => {
    if (!need(size)) return null;
    const v = buf.readUIntBE(pos, size);
    pos += size;
    return v;
  };

  do {
    if (!need(1)) return fail('truncated message');
    const parent = stack.at(-1);
    const isKey = !!parent && parent.map && parent.index % 2 === 0;
    const atTop = stack.length === 1 && !!parent?.map;
    const keyOfValue = atTop && !isKey ? topKey : null;
    const inInput = keyOfValue === 'input' || !!parent?.input;
    if (parent) {
      parent.left--;
      parent.index++;
    }
    if (++values > limits.values) return fail(`more than ${limits.values.toLocaleString('en')} values`);

    const b = buf[pos++]!;
    let container: { count: number; map: boolean } | null = null;
    let strLen = -1;
    let uint: number | null = null;
    if (b <= 0x7f) uint = b;
    else if (b <= 0x8f) container = { count: b & 0x0f, map: true };
    else if (b <= 0x9f) container = { count: b & 0x0f, map: false };
    else if (b <= 0xbf) strLen = b & 0x1f;
    else if (b >= 0xe0) {
      // negative fixint
    } else {
      switch (b) {
        case 0xc0: // nil
        case 0xc2: // false
        case 0xc3: // true
          break;
        case 0xc4:
        case 0xc5:
        case 0xc6: {
          const len = readUint(b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4);
          if (len === null || !need(len)) return fail('truncated message');
          pos += len;
          if (inInput) result.inputBytes += len - 8; // the 8 every value adds below
          break;
        }
        case 0xca:
          pos += 4;
          break;
        case 0xcb:
          pos += 8;
          break;
        case 0xcc:
        case 0xcd:
        case 0xce:
          uint = readUint(b === 0xcc ? 1 : b === 0xcd ? 2 : 4);
          if (uint === null) return fail('truncated message');
          break;
        case 0xcf:
        case 0xd3:
          pos += 8;
          break;
        case 0xd0:
          pos += 1;
          break;
        case 0xd1:
          pos += 2;
          break;
        case 0xd2:
          pos += 4;
          break;
        case 0xd9:
        case 0xda:
        case 0xdb:
          strLen = readUint(b === 0xd9 ? 1 : b === 0xda ? 2 : 4) ?? -2;
          if (strLen === -2) return fail('truncated message');
          break;
        case 0xdc:
        case 0xdd:
        case 0xde:
        case 0xdf: {
          const count = readUint(b === 0xdc || b === 0xde ? 2 : 4);
          if (count === null) return fail('truncated message');
          container = { count, map: b >= 0xde };
          break;
        }
        default:
          // 0xc1 (never used) and the extension types, which this protocol does not use.
          return fail(`unsupported MessagePack type 0x${b.toString(16)}`);
      }
    }
    if (!need(0)) return fail('truncated message');
    // A map adds only its keys' bytes; a string its own bytes (below); every other value 8.
    if (inInput && strLen < 0 && !container?.map) result.inputBytes += 8;

    if (strLen >= 0) {
      if (!need(strLen)) return fail('truncated message');
      if (isKey && strLen === PROTO.length && buf.compare(PROTO, 0, PROTO.length, pos, pos + strLen) === 0) {
        return fail('a key named "__proto__"');
      }
      if (inInput) result.inputBytes += strLen;
      if (atTop && isKey) {
        const key = strLen <= 5 ? buf.toString('utf8', pos, pos + strLen) : '';
        topKey = key === 't' || key === 'id' || key === 'path' || key === 'input' ? key : null;
      } else if (keyOfValue === 't' && strLen <= 8) result.t = buf.toString('utf8', pos, pos + strLen);
      else if (keyOfValue === 'path' && strLen <= 256) result.path = buf.toString('utf8', pos, pos + strLen);
      pos += strLen;
    } else if (atTop && isKey) topKey = null;
    if (keyOfValue === 'id' && uint !== null) result.id = uint;

    if (container) {
      // The message is level 0, its input level 1: the same count as the router's.
      if (stack.length > limits.depth) return fail(`nested more than ${limits.depth} levels deep`);
      // Each entry needs at least one byte: a count beyond what is left is a lie, refused before anything trusts it.
      const entries = container.map ? container.count * 2 : container.count;
      if (entries > buf.length - pos) return fail('truncated message');
      // Each entry is a value: a container that declares more than the limit leaves is refused by its header, before
      // its entries are walked (a 200,000-value array cost a pass over all of them, and held up every other socket).
      if (values + entries > limits.values) return fail(`more than ${limits.values.toLocaleString('en')} values`);
      if (entries > 0) stack.push({ left: entries, map: container.map, index: 0, input: inInput });
    }
    while (stack.length > 0 && stack.at(-1)!.left === 0) stack.pop();
  } while (stack.length > 0);

  if (pos !== buf.length) return fail('extra bytes after the message');
  return result;
}
