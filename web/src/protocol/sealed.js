// Sealed frames (docs/protocol.md §7.3), as the Java client's FrameSealer, FrameOpener, FrameCipher
// and SealedChannel: the plaintext kind || body is cut into records of 16384 bytes, record i is
// AES-256-GCM with nonce = tag || u64be(counter) and aad = u64be(counter) || last, the frame is the
// records with their 16-byte tags back to back. Each direction counts its records across frames,
// so a dropped, replayed or reordered record fails to open. AES-GCM from WebCrypto.
import { ProtocolError } from './errors.js';
import { MAX_FRAME_BYTES } from './chain.js';
import { concat, decodeUtf8, toU64, u64be, utf8 } from './bytes.js';

/** The body is one control message, JSON in UTF-8. */
export const CONTROL = 0x01;
/** The body is one chunk frame (§3.2). */
export const CHUNK = 0x02;
/** The most plaintext one record holds. */
export const RECORD_BYTES = 16 * 1024;
/** The full 128-bit GCM tag after each record's ciphertext. */
export const TAG_BYTES = 16;
/** A full record on the wire: ciphertext and tag. */
export const PIECE_BYTES = RECORD_BYTES + TAG_BYTES;
export const KEY_BYTES = 32;
export const DIRECTION_TAG_BYTES = 4;
/** The largest body: a chunk frame with a full 1 MiB payload. */
export const MAX_BODY_BYTES = MAX_FRAME_BYTES;
/** The largest control message in UTF-8. */
export const MAX_CONTROL_BYTES = 1024 * 1024;

const COUNTER_LIMIT = 1n << 64n; // counters are 0 .. 2^64-1, never wrapped around

/** How many records a plaintext of this many bytes takes. */
export function records(plaintextBytes) {
  return Math.ceil(plaintextBytes / RECORD_BYTES);
}

/** The length on the wire of a frame whose body has `bodyBytes` bytes. */
export function wireBytes(bodyBytes) {
  return 1 + bodyBytes + records(1 + bodyBytes) * TAG_BYTES;
}

/** The largest frame on the wire: 1049657 bytes, 65 records. */
export const MAX_WIRE_BYTES = wireBytes(MAX_BODY_BYTES);

/** A record's associated data: its counter, and whether it ends the frame (so a frame cut at a record boundary fails). */
export function recordAad(counter, last) {
  return concat(u64be(counter), Uint8Array.of(last ? 1 : 0));
}

/** A record's nonce: the direction's tag and the counter, 12 bytes. */
export function recordNonce(tag, counter) {
  return concat(tag, u64be(counter));
}

async function importKey(key, tag, usage) {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new RangeError('an AES-256 key is ' + KEY_BYTES + ' bytes');
  }
  if (!(tag instanceof Uint8Array) || tag.length !== DIRECTION_TAG_BYTES) {
    throw new RangeError('a direction tag is ' + DIRECTION_TAG_BYTES + ' bytes');
  }
  return crypto.subtle.importKey('raw', key, 'AES-GCM', false, [usage]);
}

function gcm(tag, counter, last) {
  return { name: 'AES-GCM', iv: recordNonce(tag, counter), additionalData: recordAad(counter, last), tagLength: 128 };
}

/** The sealing end of one direction, its next record numbered `counter` (0 after the handshake). */
export async function createSealer(key, tag, counter = 0n) {
  return new Sealer(await importKey(key, tag, 'encrypt'), Uint8Array.from(tag), toU64(counter));
}

/** The opening end of one direction, expecting record `counter` next (0 after the handshake). */
export async function createOpener(key, tag, counter = 0n) {
  return new Opener(await importKey(key, tag, 'decrypt'), Uint8Array.from(tag), toU64(counter));
}

export class Sealer {
  #key;
  #tag;
  #counter;
  #closed = false;

  constructor(key, tag, counter) {
    this.#key = key;
    this.#tag = tag;
    this.#counter = counter;
  }

  /** The number of the next record this side seals (BigInt). */
  get nextCounter() {
    return this.#counter;
  }

  /**
   * Seals kind || body into one frame. The records' counters are taken when called, so frames
   * must go out in the order of the calls.
   */
  async seal(kind, body) {
    if (kind !== CONTROL && kind !== CHUNK) {
      throw new RangeError('the kind of a sealed frame is 1 (control) or 2 (chunk), not ' + kind);
    }
    const max = kind === CONTROL ? MAX_CONTROL_BYTES : MAX_BODY_BYTES;
    if (!(body instanceof Uint8Array) || body.length > max) {
      throw new RangeError('a sealed body of kind ' + kind + ' is at most ' + max + ' bytes');
    }
    if (this.#closed) {
      throw new Error('this direction is closed: a record failed to seal');
    }
    const plaintext = concat(Uint8Array.of(kind), body);
    const count = records(plaintext.length);
    const first = this.#counter;
    if (first + BigInt(count) > COUNTER_LIMIT) {
      throw new Error('the record counter is exhausted; a nonce must never repeat');
    }
    this.#counter = first + BigInt(count);
    const wire = new Uint8Array(wireBytes(body.length));
    try {
      await Promise.all(Array.from({ length: count }, async (_, i) => {
        const piece = plaintext.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES);
        const sealed = await crypto.subtle.encrypt(gcm(this.#tag, first + BigInt(i), i === count - 1), this.#key, piece);
        wire.set(new Uint8Array(sealed), i * PIECE_BYTES);
      }));
    } catch (e) {
      this.#closed = true; // its counters are used up: never seal with them again
      throw e;
    }
    return wire;
  }

  /** Seals one control message (JSON text). */
  sealText(text) {
    return this.seal(CONTROL, utf8(text));
  }

  /** Seals one chunk frame (§3.2). */
  sealChunk(frame) {
    return this.seal(CHUNK, frame);
  }
}

export class Opener {
  #key;
  #tag;
  #counter;
  #closedBecause = null;
  #queue = Promise.resolve();

  constructor(key, tag, counter) {
    this.#key = key;
    this.#tag = tag;
    this.#counter = counter;
  }

  /** The number of the next record expected (BigInt). */
  get nextCounter() {
    return this.#counter;
  }

  /** Whether a frame failed: nothing more from the peer can then be trusted. */
  get closed() {
    return this.#closedBecause !== null;
  }

  /**
   * Opens the next frame of the direction (a Uint8Array or ArrayBuffer; a string is a text frame,
   * which may not come once frames are sealed). Frames are opened one after the other in the order
   * of the calls. Returns {kind, body}: kind CONTROL with `text`, the body as strict UTF-8, or
   * kind CHUNK whose body is a chunk frame for decodeChunk.
   *
   * @throws {ProtocolError} code 'integrity' if the frame is not exactly what the peer sealed next,
   *     or its plaintext is empty, of an unknown kind, or a control message that is not UTF-8;
   *     every later call then fails too
   */
  open(frame) {
    const result = this.#queue.then(() => this.#openNow(frame));
    this.#queue = result.catch(() => {});
    return result;
  }

  async #openNow(frame) {
    if (this.#closedBecause !== null) {
      throw new ProtocolError('integrity', this.#closedBecause);
    }
    try {
      return await this.#openFrame(frame);
    } catch (e) {
      if (!(e instanceof ProtocolError)) {
        throw e;
      }
      this.#closedBecause = 'an earlier sealed frame failed; this direction is closed';
      throw e;
    }
  }

  async #openFrame(frame) {
    if (typeof frame === 'string') {
      throw altered('a frame arrived in clear where only sealed frames may come');
    }
    const wire = frame instanceof ArrayBuffer ? new Uint8Array(frame) : frame;
    if (!(wire instanceof Uint8Array)) {
      throw new TypeError('a sealed frame is binary');
    }
    const length = wire.length;
    const tail = length % PIECE_BYTES;
    // The last piece holds at least one byte of plaintext and its tag: 17 to 16400 bytes.
    if (length === 0 || length > MAX_WIRE_BYTES || (tail !== 0 && tail <= TAG_BYTES)) {
      throw altered('a sealed frame of ' + length + ' bytes cannot be whole');
    }
    const count = Math.ceil(length / PIECE_BYTES);
    const first = this.#counter;
    if (first + BigInt(count) > COUNTER_LIMIT) {
      throw altered('the record counter is exhausted');
    }
    this.#counter = first + BigInt(count);
    const plaintext = new Uint8Array(length - count * TAG_BYTES);
    try {
      await Promise.all(Array.from({ length: count }, async (_, i) => {
        const piece = wire.subarray(i * PIECE_BYTES, (i + 1) * PIECE_BYTES);
        const opened = await crypto.subtle.decrypt(gcm(this.#tag, first + BigInt(i), i === count - 1), this.#key, piece);
        plaintext.set(new Uint8Array(opened), i * RECORD_BYTES);
      }));
    } catch {
      throw altered('a sealed frame failed authentication');
    }
    const kind = plaintext[0];
    const body = plaintext.subarray(1);
    if (kind === CHUNK) {
      return { kind, body };
    }
    if (kind !== CONTROL) {
      throw altered('a sealed frame of unknown kind ' + kind);
    }
    let text;
    try {
      text = decodeUtf8(body);
    } catch {
      throw altered('a sealed control message is not UTF-8');
    }
    return { kind, body, text };
  }
}

function altered(what) {
  return new ProtocolError('integrity', what + ': the transfer was altered on its way (tampering, or a faulty '
    + 'relay or network)');
}
