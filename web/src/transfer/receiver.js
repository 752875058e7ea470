// The receiving side of a transfer (docs/protocol.md §4), as the Java client's Receiver: checks the
// manifest, asks the page whether to accept it, then verifies every chunk as it arrives and commits
// each file only once the whole file verified; the final `ack` tells the sender that all of it is
// in place.
//
// The page writes through a Sink:
//   held(path, size) → Promise<{size, read(offset, length)} | null>
//                                           optional: a sink that resumes (§4.8) says what it holds
//                                           of each file, before `accept`
//   createFolder(path) → Promise            before `accept`, for every folder of the manifest
//   createFile(path, size, offset) → Promise<file>
//                                           file: {write(Uint8Array), close(), abort()}, each →
//                                           Promise; it continues after the first `offset` bytes,
//                                           which the sink held (0 without resuming)
//   finish() → Promise                      after `end` checked, before `ack` (optional)
//   abort(error)                            the transfer failed after the sink was given (optional)
// A file is committed (close) only after its size, chunk count and digest verified, and aborted
// otherwise: nothing unverified may be presented as received. (Aborted, a sink may keep what was
// written, to resume: every chunk it was given had verified.) A sink may throw a ProtocolError
// ('exists', 'no_space', 'io', 'bad_path') to stop with that code; any other error counts as `io`
// (a QuotaExceededError as `no_space`). write() gets a view it may keep: it is not reused.
import { COMPRESSION, ENCRYPTION } from '../protocol/codec.js';
import { ChunkDecoder } from '../compression/decoder.js';
import { HashChain, decodeChunk, requireUncompressed } from '../protocol/chain.js';
import { EXIT, ProtocolError, TransferError, printable } from '../protocol/errors.js';
import { toHex } from '../protocol/bytes.js';
import { Conversation } from './conversation.js';
import { listenerOf } from './listener.js';
import { MAX_MANIFEST_ENTRIES, checkManifest } from './manifest.js';
import { chainAt, listHeld } from './resume.js';

export class Receiver {
  #conversation;
  #onOffer;
  #listener;
  #signal;
  #zstd;
  /** Opens compressed chunks if both hellos listed zstd, else null: they are refused. */
  #decoder = null;
  #bytesDone = 0;
  #totalBytes = 0;
  /** What this side listed in `accept` (§4.8), by file index. */
  #held = new Map();

  /**
   * @param channel the relay connection, paired (relay.js connect)
   * @param code the code as typed, or as parseCode returns it
   * @param options.onOffer async (offer) → Sink to accept, or null to decline; `offer` is
   *     {files, folders, bytes, entries: [{path, kind, size?}], encrypted}. It may throw a
   *     ProtocolError (e.g. 'exists') to refuse with that code.
   * @param options.zstd the Zstandard library (compression/zstd.js loadZstd), or a promise of it;
   *     null or left out: the hello does not offer zstd, and compressed chunks are refused
   * @param options.listener callbacks (listener.js): status, warning, started, progress, fileVerified
   * @param options.signal an AbortSignal: the user stops, the sender hears `cancelled`
   * @param options.secret the SPAKE2 secret, for test vectors only
   */
  constructor(channel, code, { onOffer, zstd = null, listener = {}, signal, secret, software } = {}) {
    if (typeof onOffer !== 'function') {
      throw new TypeError('a receiver needs onOffer, which accepts or declines what the sender offers');
    }
    this.#conversation = new Conversation(channel, code, 'receiver', { secret, software });
    this.#onOffer = onOffer;
    this.#listener = listenerOf(listener);
    this.#signal = signal;
    this.#zstd = zstd;
  }

  /**
   * Runs the whole transfer and closes the connection.
   *
   * @returns {{files, folders, bytes, encrypted, ms}} once every file is verified and committed
   * @throws {TransferError} with the exit code, the §3.1 code if any, and a message for people
   */
  async run() {
    return this.#conversation.runToEnd(this.#signal, () => this.#run());
  }

  async #run() {
    const conversation = this.#conversation;
    // A receiver always offers encryption, and compression if it can decode: whether they are used
    // is the sender's choice, made known here.
    const zstd = await this.#zstd;
    const sealed = await conversation.handshake(zstd !== null ? [ENCRYPTION, COMPRESSION] : [ENCRYPTION]);
    if (conversation.agreed(COMPRESSION)) {
      this.#decoder = new ChunkDecoder(zstd);
    }
    if (sealed) {
      this.#listener.status('code confirmed by the sender; end-to-end encrypted (SPAKE2, AES-256-GCM)');
    } else {
      this.#listener.warning('the sender turned encryption off: file names, sizes and contents cross the relay '
        + 'in clear, and the relay could alter them unnoticed');
    }
    const entries = await this.#receiveManifest();
    const { files, folders, bytes } = checkManifest(entries);
    this.#totalBytes = bytes;
    const sink = await this.#ask({ files: files.length, folders, bytes, entries, encrypted: sealed });
    try {
      const ms = await this.#receiveFiles(entries, files, bytes, sink);
      return { files: files.length, folders, bytes, encrypted: sealed, ms };
    } catch (e) {
      sink.abort?.(e);
      throw e;
    }
  }

  /** Everything after the offer: the folders, `accept`, every file, `end` and `ack`; returns the time taken. */
  async #receiveFiles(entries, files, bytes, sink) {
    const conversation = this.#conversation;
    const resume = await this.#listHeld(files, sink);
    for (const entry of entries) {
      if (entry.kind === 'dir') {
        await sinkCall(() => sink.createFolder(entry.path), entry.path);
      }
    }
    await conversation.send(resume.length > 0 ? { type: 'accept', resume } : { type: 'accept' });
    this.#held = new Map(resume.map((item) => [item.index, item]));
    // Held bytes count as done from the start; a file the sender sends again takes them back.
    this.#bytesDone = resume.reduce((sum, item) => sum + item.size, 0);
    this.#listener.started(files.length, entries.length - files.length, bytes, this.#bytesDone);
    const start = performance.now();
    for (const [index, entry] of files.entries()) {
      await this.#receiveFile(index, entry, sink);
    }
    const end = await conversation.expect('end');
    if (end.files !== files.length || end.bytes !== bytes) {
      throw new ProtocolError('integrity', 'the sender announced ' + end.files + ' files and ' + end.bytes
        + ' bytes at the end, but ' + files.length + ' files and ' + bytes + ' bytes in the manifest');
    }
    await sinkCall(() => sink.finish?.(), '');
    await conversation.send({ type: 'ack', files: files.length, bytes });
    return performance.now() - start;
  }

  /** What the sink holds of each file, as `accept.resume` lists it (§4.8); empty if it does not resume. */
  async #listHeld(files, sink) {
    if (typeof sink.held !== 'function') {
      return [];
    }
    this.#listener.status('looking for what was received before');
    const resume = [];
    for (const [index, entry] of files.entries()) {
      const held = await sinkCall(() => sink.held(entry.path, entry.size), entry.path);
      if (held !== null) {
        resume.push(await sinkCall(() => listHeld(index, held.size, held.read), entry.path));
      }
    }
    return resume;
  }

  async #receiveManifest() {
    let entries = [];
    for (;;) {
      const manifest = await this.#conversation.expect('manifest');
      entries = entries.concat(manifest.entries);
      if (entries.length > MAX_MANIFEST_ENTRIES) {
        throw new ProtocolError('protocol', 'a manifest of more than ' + MAX_MANIFEST_ENTRIES + ' entries');
      }
      if (!manifest.more) {
        return entries;
      }
    }
  }

  /** The page's answer to the offer: a Sink, or a decline that the sender hears as `cancelled`. */
  async #ask(offer) {
    let sink;
    try {
      sink = await Promise.race([this.#onOffer(offer), this.#conversation.cancellation]);
    } catch (e) {
      if (e instanceof ProtocolError || e instanceof TransferError) {
        throw e;
      }
      throw new ProtocolError('io', 'the receiver cannot take the files: ' + (e?.message ?? e));
    }
    if (sink === null || sink === undefined || sink === false) {
      await this.#conversation.stop(new ProtocolError('cancelled', 'the receiver declined the transfer'));
      throw new TransferError(EXIT.PEER, 'declined: nothing was received', { code: 'cancelled' });
    }
    return sink;
  }

  async #receiveFile(index, entry, sink) {
    const begin = await this.#conversation.receiveMessage();
    if (begin.type !== 'file_begin' || begin.index !== index || begin.path !== entry.path || begin.size !== entry.size) {
      throw new ProtocolError('protocol', 'expected the start of file ' + index + ' (' + printable(entry.path)
        + '), got ' + begin.type);
    }
    const held = this.#held.get(index);
    const offset = begin.offset ?? 0;
    if (offset !== 0 && offset !== held?.size) {
      // §4.8: a file continues exactly where what this side listed in accept ends.
      throw new ProtocolError('protocol', printable(entry.path) + ': the sender continues at byte ' + offset
        + ', but ' + (held === undefined ? 'nothing of it was held here' : held.size + ' bytes of it were held here'));
    }
    if (held !== undefined && offset === 0) {
      this.#bytesDone -= held.size; // sent again from the start: what was held is not kept
    }
    const file = await sinkCall(() => sink.createFile(entry.path, entry.size, offset), entry.path);
    let committed = false;
    try {
      const chain = offset === 0 ? new HashChain() : chainAt(held);
      const end = await this.#receiveChunks(index, entry, file, chain, offset);
      const digest = toHex(chain.value);
      if (end.digest !== digest) {
        throw new ProtocolError('integrity', printable(entry.path) + ": the file's digest does not match its chunks");
      }
      await sinkCall(() => file.close(), entry.path);
      committed = true;
      this.#listener.fileVerified(entry.path, entry.size, digest);
    } finally {
      if (!committed) {
        try {
          await file.abort();
        } catch {
          // The transfer fails for another reason already; that is the one to report.
        }
      }
    }
  }

  /** The decoded payload of a compressed chunk of a file with `remaining` bytes still to come. */
  #decode(chunk, path, remaining) {
    try {
      return this.#decoder.decode(chunk.payload, remaining);
    } catch (e) {
      throw new ProtocolError(e.code, path + ': chunk ' + chunk.seq + ': ' + e.message);
    }
  }

  /** Writes the chunks of one file, checking each at once, and returns its file_end. */
  async #receiveChunks(index, entry, file, chain, offset) {
    const path = printable(entry.path);
    let received = offset;
    for (;;) {
      const next = await this.#conversation.receive();
      if (!(next instanceof Uint8Array)) {
        if (next.type !== 'file_end') {
          throw new ProtocolError('protocol', 'expected a chunk or the end of file ' + index + ', got ' + next.type);
        }
        const chunks = Number(chain.nextSeq);
        if (next.index !== index || next.chunks !== chunks || next.size !== received || received !== entry.size) {
          throw new ProtocolError('integrity', path + ': ' + received + ' bytes in ' + chunks + ' chunks arrived or '
            + 'were held, but the file has ' + entry.size + ' bytes and the sender counted ' + next.size + ' in '
            + next.chunks);
        }
        return next;
      }
      const chunk = decodeChunk(next);
      if (this.#decoder === null) {
        requireUncompressed(chunk, path);
      }
      if (chunk.seq !== chain.nextSeq) {
        throw new ProtocolError('integrity', path + ': chunk ' + chunk.seq + ' arrived where chunk ' + chain.nextSeq
          + ' was due');
      }
      // The chain, the sizes and the file take the decoded bytes (§3.3).
      const payload = chunk.compressed ? this.#decode(chunk, path, entry.size - received) : chunk.payload;
      if (received + payload.length > entry.size) {
        throw new ProtocolError('integrity', path + ': more bytes arrived than the ' + entry.size + ' announced');
      }
      if (!(await chain.accepts({ seq: chunk.seq, chain: chunk.chain, payload }))) {
        throw new ProtocolError('integrity', path + ': chunk ' + chunk.seq + ' does not match its checksum chain');
      }
      await sinkCall(() => file.write(payload), entry.path);
      received += payload.length;
      this.#bytesDone += payload.length;
      this.#listener.progress(this.#bytesDone, this.#totalBytes);
    }
  }
}

/** Runs a call of the page's sink; its failures become the error codes a sender understands. */
async function sinkCall(action, path) {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ProtocolError || e instanceof TransferError) {
      throw e;
    }
    const what = path === '' ? 'the received files' : printable(path);
    if (e?.name === 'QuotaExceededError') {
      throw new ProtocolError('no_space', 'the disk is full: cannot write ' + what);
    }
    throw new ProtocolError('io', 'cannot write ' + what + ': ' + (e?.message ?? e));
  }
}
