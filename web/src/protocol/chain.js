// Chunks (docs/protocol.md §3.2): the binary frame [seq u64 big-endian | chain 32 bytes | payload]
// and the running hash that makes each file's digest, chain(i) = SHA-256(chain(i-1) || payload(i)).
import { ProtocolError } from './errors.js';
import { concat, equalBytes, toU64 } from './bytes.js';

/** Bytes of a chain value (a SHA-256 digest). */
export const CHAIN_BYTES = 32;
/** seq and chain in front of the payload. */
export const HEADER_BYTES = 8 + CHAIN_BYTES;
/** A payload is 1 to 1 MiB; senders send full chunks but the last of a file. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** 1048616 bytes. */
export const MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES;
/** Bit 63 of the seq field: the payload is a Zstandard frame (§3.3). */
const COMPRESSED = 1n << 63n;
/** chain(-1), and the digest of an empty file. */
export const ZERO_CHAIN = new Uint8Array(CHAIN_BYTES);

/** chain(i) from chain(i-1) and payload(i), with WebCrypto's SHA-256. */
export async function chain(prev, payload) {
  if (prev.length !== CHAIN_BYTES) {
    throw new RangeError('a chain value is ' + CHAIN_BYTES + ' bytes, not ' + prev.length);
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(prev, payload)));
}

/** The digest of a file given as its payloads in order: the last chain value, zeros if none. */
export async function digest(payloads) {
  let value = ZERO_CHAIN;
  for (const payload of payloads) {
    value = await chain(value, payload);
  }
  return value;
}

/**
 * The receiver's running check of one file: each chunk must carry the next sequence number and the
 * chain value its payload gives, else the receiver stops with `integrity` (§3.2).
 */
export class HashChain {
  #value;
  #seq;

  /** A chain at its start, or positioned after chunk `seq - 1` whose value is `value` (a resumed file). */
  constructor(value = ZERO_CHAIN, seq = 0n) {
    if (value.length !== CHAIN_BYTES) {
      throw new RangeError('a chain value is ' + CHAIN_BYTES + ' bytes, not ' + value.length);
    }
    this.#value = Uint8Array.from(value);
    this.#seq = toU64(seq);
  }

  /** The current value: after the last chunk, the file's digest. */
  get value() {
    return Uint8Array.from(this.#value);
  }

  /** The sequence number the next chunk must carry. */
  get nextSeq() {
    return this.#seq;
  }

  /** Advances over a payload (the sender's side) and returns the chain value to put in its frame. */
  async next(payload) {
    this.#value = await chain(this.#value, payload);
    this.#seq += 1n;
    return this.value;
  }

  /** Whether `chunk` ({seq, chain, payload}) is the next chunk of the file; advances only if so. */
  async accepts(chunk) {
    if (toU64(chunk.seq) !== this.#seq) {
      return false;
    }
    const candidate = await chain(this.#value, chunk.payload);
    if (!equalBytes(candidate, chunk.chain)) {
      return false;
    }
    this.#value = candidate;
    this.#seq += 1n;
    return true;
  }

  /** Like accepts, but throws the `integrity` error the receiver stops with. */
  async check(chunk) {
    if (!(await this.accepts(chunk))) {
      throw new ProtocolError('integrity', 'chunk ' + chunk.seq + ' does not continue the file (expected seq '
        + this.#seq + ' and its chain value)');
    }
  }
}

/**
 * The frame of one chunk. `seq` is a number or a BigInt; `compressed` sets bit 63: the payload is a
 * Zstandard frame (§3.3).
 */
export function encodeChunk(seq, chainValue, payload, compressed = false) {
  if (chainValue.length !== CHAIN_BYTES) {
    throw new RangeError('a chain value is ' + CHAIN_BYTES + ' bytes, not ' + chainValue.length);
  }
  if (payload.length < 1 || payload.length > MAX_PAYLOAD_BYTES) {
    throw new RangeError('a payload is 1 to ' + MAX_PAYLOAD_BYTES + ' bytes, not ' + payload.length);
  }
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(frame.buffer).setBigUint64(0, toU64(seq) | (compressed ? COMPRESSED : 0n), false);
  frame.set(chainValue, 8);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

/**
 * Reads a chunk frame: {seq (BigInt, bit 63 clear), compressed (bit 63 was set), chain, payload};
 * chain and payload are views of `frame`.
 *
 * @throws {ProtocolError} code 'protocol' if it is shorter than 41 or longer than 1048616 bytes
 */
export function decodeChunk(frame) {
  const length = frame.length;
  if (length <= HEADER_BYTES || length > MAX_FRAME_BYTES) {
    throw new ProtocolError('protocol', 'a chunk frame of ' + length + ' bytes (allowed: ' + (HEADER_BYTES + 1)
      + ' to ' + MAX_FRAME_BYTES + ')');
  }
  const field = new DataView(frame.buffer, frame.byteOffset, 8).getBigUint64(0, false);
  return {
    seq: field & ~COMPRESSED,
    compressed: (field & COMPRESSED) !== 0n,
    chain: frame.subarray(8, HEADER_BYTES),
    payload: frame.subarray(HEADER_BYTES),
  };
}

/**
 * Refuses a compressed chunk when `zstd` was not in both hellos: a sender may then not send one
 * (docs/protocol.md §3.3).
 *
 * @throws {ProtocolError} code 'protocol'
 */
export function requireUncompressed(chunk, path) {
  if (chunk.compressed) {
    throw new ProtocolError('protocol', path + ': chunk ' + chunk.seq + ' came compressed, but compression was '
      + 'not agreed in the handshake');
  }
}
