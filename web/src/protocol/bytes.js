// Small byte helpers shared by the protocol modules: hex, concatenation, fixed-width integers and
// strict UTF-8. No cryptography here.

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Lower-case hex of the bytes, the form of every hex string on the wire. */
export function toHex(bytes) {
  let hex = '';
  for (const b of bytes) {
    hex += b.toString(16).padStart(2, '0');
  }
  return hex;
}

/** The bytes of a hex string (either case); throws a TypeError on anything else. */
export function fromHex(hex) {
  if (typeof hex !== 'string' || !HEX.test(hex)) {
    throw new TypeError('not a hex string of whole bytes');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

export function concat(...parts) {
  let length = 0;
  for (const part of parts) {
    length += part.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function equalBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff === 0;
}

const U64_MAX = (1n << 64n) - 1n;

/** A counter or sequence number as a BigInt in [0, 2^64-1]; numbers must be safe integers. */
export function toU64(value) {
  const n = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : null;
  if (n === null || n < 0n || n > U64_MAX) {
    throw new RangeError('not an unsigned 64-bit integer: ' + value);
  }
  return n;
}

export function u64be(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, toU64(value), false);
  return out;
}

export function u64le(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, toU64(value), true);
  return out;
}

/** A big-endian unsigned integer. */
export function bytesToBigInt(bytes) {
  let n = 0n;
  for (const b of bytes) {
    n = (n << 8n) | BigInt(b);
  }
  return n;
}

/** `n` as exactly `length` big-endian bytes; throws if it does not fit. */
export function bigIntToBytes(n, length) {
  if (n < 0n || n >= 1n << BigInt(8 * length)) {
    throw new RangeError('does not fit in ' + length + ' bytes');
  }
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

const ENCODER = new TextEncoder();
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The UTF-8 bytes of a text. An unpaired surrogate has no UTF-8 form; it becomes '?', as in the
 * Java client's String.getBytes(UTF_8), so that both compute the same bytes (e.g. the password
 * scalar of a code) for such a text. TextEncoder alone would write U+FFFD instead.
 */
export function utf8(text) {
  return ENCODER.encode(text.replace(UNPAIRED_SURROGATE, '?'));
}

// fatal: invalid UTF-8 is refused, never replaced by U+FFFD. ignoreBOM: a leading U+FEFF is kept as
// a character (as Java's decoder keeps it), so that a text with a BOM is not silently another text.
const STRICT_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of strict UTF-8 bytes; throws a TypeError on invalid UTF-8. */
export function decodeUtf8(bytes) {
  return STRICT_DECODER.decode(bytes);
}
