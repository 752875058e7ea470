// The sending side of a transfer (docs/protocol.md §4), as the Java client's Sender: handshake,
// manifest, every file as chunks of 1 MiB with their running hash, end, and then it waits for the
// receiver's acknowledgement, without which it does not succeed.
import { COMPRESSION, ENCRYPTION } from '../protocol/codec.js';
import { COMPRESSION_MODES, ChunkEncoder } from '../compression/encoder.js';
import { encodeChunk } from '../protocol/chain.js';
import { ProtocolError, printable } from '../protocol/errors.js';
import { toHex } from '../protocol/bytes.js';
import { Conversation } from './conversation.js';
import { fileChunks } from './file-chunks.js';
import { listenerOf } from './listener.js';
import { manifestParts } from './manifest.js';
import { checkResumeList, resumeNote, resumeOffset } from './resume.js';
import { createSourceTree } from './source.js';

export class Sender {
  #conversation;
  #tree;
  #encrypt;
  #listener;
  #signal;
  #compress;
  #zstd;
  /** Compresses chunks if both hellos listed zstd, else null. */
  #encoder = null;
  #bytesSent = 0;
  /** What the chunks of file data took on the wire, compressed or not. */
  #wireBytes = 0;

  /**
   * @param channel the relay connection, paired (relay.js connect)
   * @param code the code as typed, or as parseCode returns it
   * @param source what to send: createSourceTree's result, or the entries to give it
   * @param options.encrypt false only when the user turned encryption off: names, sizes and
   *     contents then cross the relay in clear, and the receiver is told so
   * @param options.compress 'auto', 'on' or 'off' (COMPRESSION_MODES), as `send --compress`
   * @param options.zstd the Zstandard library (compression/zstd.js loadZstd), or a promise of it;
   *     null or left out: chunks go raw and the hello does not offer zstd
   * @param options.listener callbacks (listener.js): status, warning, started, progress
   * @param options.signal an AbortSignal: the user stops, the receiver hears `cancelled`
   * @param options.secret the SPAKE2 secret, for test vectors only
   */
  constructor(channel, code, source, { encrypt = true, compress = 'auto', zstd = null, listener = {}, signal, secret,
    software } = {}) {
    if (!COMPRESSION_MODES.includes(compress)) {
      throw new RangeError('compress is one of ' + COMPRESSION_MODES.join(', ') + ', not ' + compress);
    }
    this.#tree = Array.isArray(source) ? createSourceTree(source) : source;
    this.#conversation = new Conversation(channel, code, 'sender', { secret, software });
    this.#encrypt = encrypt;
    this.#compress = compress;
    this.#zstd = zstd;
    this.#listener = listenerOf(listener);
    this.#signal = signal;
  }

  /**
   * Runs the whole transfer and closes the connection.
   *
   * @returns {{files, folders, bytes, encrypted, compressed, wireBytes, ms}} once the receiver confirmed every file
   * @throws {TransferError} with the exit code, the §3.1 code if any, and a message for people
   */
  async run() {
    return this.#conversation.runToEnd(this.#signal, () => this.#run());
  }

  async #run() {
    const conversation = this.#conversation;
    const tree = this.#tree;
    const zstd = this.#compress === 'off' ? null : await this.#zstd;
    const sealed = await conversation.handshake([...(this.#encrypt ? [ENCRYPTION] : []),
      ...(zstd !== null ? [COMPRESSION] : [])]);
    if (conversation.agreed(COMPRESSION)) {
      this.#encoder = new ChunkEncoder(zstd, this.#compress);
    }
    if (sealed) {
      this.#listener.status('code confirmed by the receiver; end-to-end encrypted (SPAKE2, AES-256-GCM)');
    } else {
      this.#listener.warning((this.#encrypt ? 'the receiver did not offer encryption' : 'encryption is off')
        + ': file names, sizes and contents cross the relay in clear, and the relay could alter them unnoticed');
    }
    for (const part of manifestParts(tree.entries)) {
      await conversation.send(part);
    }
    const accept = await conversation.expect('accept');
    const files = tree.entries.filter((entry) => entry.kind === 'file');
    const starts = await this.#resumeStarts(accept.resume, files);
    // The receiver's bytes count as done from the start, as they are there already.
    this.#bytesSent = starts.reduce((sum, { offset }) => sum + offset, 0);
    this.#listener.started(tree.files, tree.folders, tree.bytes, this.#bytesSent);
    if (this.#bytesSent > 0) {
      this.#listener.progress(this.#bytesSent, tree.bytes);
    }
    const start = performance.now();
    for (const [index, entry] of files.entries()) {
      await this.#sendFile(index, entry, starts[index]);
    }
    await conversation.send({ type: 'end', files: tree.files, bytes: tree.bytes });
    this.#listener.status('waiting for the receiver to confirm');
    const ack = await conversation.expect('ack');
    if (ack.files !== tree.files || ack.bytes !== tree.bytes) {
      throw new ProtocolError('integrity', 'the receiver confirmed ' + ack.files + ' files and ' + ack.bytes
        + ' bytes, but ' + tree.files + ' files and ' + tree.bytes + ' bytes were sent');
    }
    return { files: tree.files, folders: tree.folders, bytes: tree.bytes, encrypted: sealed,
      compressed: this.#encoder !== null, wireBytes: this.#wireBytes, ms: performance.now() - start };
  }

  /**
   * Where each file starts (§4.8): {offset, hash} after what the receiver holds of it, if it listed
   * the file in `accept` and holds exactly this side's bytes; else at 0.
   */
  async #resumeStarts(resume, files) {
    const listed = checkResumeList(resume, files.map((entry) => entry.size));
    if (listed.size > 0) {
      this.#listener.status('checking what the receiver holds of ' + listed.size
        + (listed.size === 1 ? ' file' : ' files'));
    }
    const starts = [];
    for (const [index, entry] of files.entries()) {
      const item = listed.get(index);
      const { offset, hash, changed } = await resumeOffset(item, entry.size, this.#reader(entry));
      const note = item === undefined ? null : resumeNote(entry.path, offset, entry.size, changed);
      if (note !== null) {
        (changed ? this.#listener.warning : this.#listener.status)(note);
      }
      starts.push({ offset, hash });
    }
    return starts;
  }

  /** Sends a file from `offset`, its chain `hash` standing after the bytes before it. */
  async #sendFile(index, entry, { offset, hash }) {
    const conversation = this.#conversation;
    // Without resuming, file_begin stays as it was before §4.8: offset 0 is left out.
    await conversation.send({ type: 'file_begin', index, path: entry.path, size: entry.size,
      offset: offset > 0 ? offset : undefined });
    this.#encoder?.startFile();
    for await (const { seq, chain, payload } of fileChunks(this.#reader(entry), entry.size, hash)) {
      const packed = this.#encoder?.encode(payload) ?? null;
      const frame = encodeChunk(seq, chain, packed ?? payload, packed !== null);
      await this.#checkOnReceiver();
      await conversation.sendChunk(frame);
      this.#bytesSent += payload.length;
      this.#wireBytes += (packed ?? payload).length;
      this.#listener.progress(this.#bytesSent, this.#tree.bytes);
    }
    await conversation.send({ type: 'file_end', index, chunks: Number(hash.nextSeq), size: entry.size,
      digest: toHex(hash.value) });
  }

  #reader(entry) {
    return (offset, length) => this.#read(entry, offset, length);
  }

  async #read(entry, offset, length) {
    let bytes;
    try {
      bytes = await entry.read(offset, length);
    } catch (e) {
      throw new ProtocolError('io', 'cannot read ' + printable(entry.path) + ': ' + (e?.message ?? e)
        + ' (if it changed since it was chosen, choose it again)');
    }
    if (bytes instanceof ArrayBuffer) {
      bytes = new Uint8Array(bytes);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length > length) {
      throw new TypeError('read(' + offset + ', ' + length + ') of ' + entry.path + ' gave no Uint8Array of at most '
        + length + ' bytes');
    }
    if (bytes.length < length) {
      throw new ProtocolError('changed', printable(entry.path) + ' changed while it was being sent (it became '
        + 'shorter); nothing of it was kept on the other side, send it again when it is complete');
    }
    return bytes;
  }

  /** The receiver only speaks while files flow to stop the transfer: hear it at once. */
  async #checkOnReceiver() {
    const early = await this.#conversation.poll();
    if (early instanceof Uint8Array) {
      throw new ProtocolError('protocol', 'the receiver sent a chunk');
    }
    if (early !== null) {
      throw new ProtocolError('protocol', 'the receiver sent ' + early.type + ' during the transfer');
    }
  }
}
