// A file's chunks as a sender makes them (docs/protocol.md §3.2): payloads of 1 MiB, the last one
// shorter, each with the chain value it gives. Both sending a file and checking what a resuming
// receiver holds of it (resume.js) walk a file this way, so the two cannot disagree on the chain.
import { MAX_PAYLOAD_BYTES } from '../protocol/chain.js';

/**
 * Yields {seq, chain, payload} for the bytes of a file of `size` bytes from where `hash` (a
 * HashChain) stands, chunk `hash.nextSeq`, to the end; `hash` advances with each chunk, so that
 * afterwards it holds the digest and the chunk count. `read(offset, length)` gives exactly `length`
 * bytes or throws.
 *
 * The next chunk is read while the caller hashes, seals and sends this one: a browser reads a file
 * on another thread, and a read takes longer than the rest of a chunk's work.
 */
export async function* fileChunks(read, size, hash) {
  let offset = Number(hash.nextSeq) * MAX_PAYLOAD_BYTES;
  let next = readAhead(read, size, offset);
  while (offset < size) {
    const length = Math.min(MAX_PAYLOAD_BYTES, size - offset);
    const payload = await next;
    next = readAhead(read, size, offset + length);
    const seq = hash.nextSeq;
    yield { seq, chain: await hash.next(payload), payload };
    offset += length;
  }
}

/** The read of the chunk at `offset`, started now; null past the end. A failure waits for its turn. */
function readAhead(read, size, offset) {
  if (offset >= size) {
    return null;
  }
  const reading = read(offset, Math.min(MAX_PAYLOAD_BYTES, size - offset));
  reading.catch(() => {}); // reported where it is awaited; unheard if the file is left before
  return reading;
}
