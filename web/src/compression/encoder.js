// Compresses a sender's chunks, one Zstandard frame per chunk (docs/protocol.md §3.3), and decides
// by its mode which chunks are worth trying, exactly as the Java client's ChunkCompressor does, so
// that `--compress` and the page's Compression choice mean the same.

/** The choices, as `send --compress` names them: auto tries each file's first chunk and keeps
 * compressing only files whose first chunk shrank to 90 % or less; on tries every chunk; off never
 * compresses and does not offer zstd in the hello. */
export const COMPRESSION_MODES = Object.freeze(['auto', 'on', 'off']);

/** auto keeps compressing a file only if its first chunk shrank to this share or less. */
const AUTO_WORTHWHILE = 0.9;

export class ChunkEncoder {
  #zstd;
  #mode;
  #triedFirstChunk = false;
  #worthwhile = true;

  /**
   * @param zstd the started library (zstd.js loadZstd)
   * @param mode 'auto' or 'on'
   */
  constructor(zstd, mode) {
    if (mode !== 'auto' && mode !== 'on') {
      throw new RangeError("a chunk encoder compresses in mode 'auto' or 'on', not " + mode);
    }
    this.#zstd = zstd;
    this.#mode = mode;
  }

  /** A new file begins: auto judges it by its own first chunk. */
  startFile() {
    this.#triedFirstChunk = false;
    this.#worthwhile = true;
  }

  /**
   * @returns the Zstandard frame to send instead of `payload`, or null if the chunk is to go raw:
   *     not tried (mode), or the frame would not be smaller than the raw bytes
   */
  encode(payload) {
    if (!this.#worthwhile) {
      return null;
    }
    const frame = this.#zstd.compress(payload);
    if (this.#mode === 'auto' && !this.#triedFirstChunk) {
      this.#triedFirstChunk = true;
      this.#worthwhile = frame.length <= AUTO_WORTHWHILE * payload.length;
    }
    return frame.length < payload.length ? frame : null;
  }
}
