// Opens the payload of a compressed chunk (docs/protocol.md §3.3), as the Java client's
// ChunkDecompressor: exactly one Zstandard frame that declares its content size, 1 to 1048576 bytes
// and no more than the file has left. The frame's headers are checked before anything is decoded,
// and the library allocates only what the frame declares, so a frame that claims more than a chunk
// holds never makes this side allocate it.
import { MAX_PAYLOAD_BYTES } from '../protocol/chain.js';
import { ProtocolError } from '../protocol/errors.js';
import { measureFrame } from './frame.js';

export class ChunkDecoder {
  #zstd;

  /** @param zstd the started library (zstd.js loadZstd) */
  constructor(zstd) {
    this.#zstd = zstd;
  }

  /**
   * @param payload the compressed chunk's payload
   * @param remaining how many bytes of the file have not arrived yet
   * @returns the decoded bytes, a new array
   * @throws {ProtocolError} 'integrity' for anything but a valid frame of an allowed size
   */
  decode(payload, remaining) {
    let frame;
    try {
      frame = measureFrame(payload);
    } catch (e) {
      throw refused('is not a zstd frame (' + e.message + ')');
    }
    if (frame.length !== payload.length) {
      throw refused('is not exactly one zstd frame');
    }
    const declared = frame.contentSize;
    if (declared === null) {
      throw refused('does not declare its decompressed size');
    }
    if (declared === 0n || declared > BigInt(MAX_PAYLOAD_BYTES)) {
      throw refused('declares ' + declared + ' bytes (allowed: 1 to ' + MAX_PAYLOAD_BYTES + ')');
    }
    if (declared > BigInt(remaining)) {
      throw refused('declares ' + declared + ' bytes, more than the ' + remaining + ' left in the file');
    }
    let decoded;
    try {
      decoded = this.#zstd.decompress(payload);
    } catch (e) {
      throw refused('does not decode (' + (e?.message ?? e) + ')');
    }
    if (BigInt(decoded.length) !== declared) {
      throw refused('decodes to ' + decoded.length + ' bytes but declares ' + declared);
    }
    return decoded;
  }
}

function refused(what) {
  return new ProtocolError('integrity', 'a compressed chunk ' + what);
}
