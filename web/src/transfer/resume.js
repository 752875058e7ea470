// Resuming an interrupted transfer (docs/protocol.md §4.8): what a receiver keeps and lists in
// `accept`, and how a sender checks that list and where it continues each file. Both sides compute
// the chain over held bytes as fileChunks walks a file, so they agree on it by construction.
import { HashChain, MAX_PAYLOAD_BYTES } from '../protocol/chain.js';
import { ProtocolError, printable } from '../protocol/errors.js';
import { equalBytes, fromHex, toHex, utf8 } from '../protocol/bytes.js';
import { fileChunks } from './file-chunks.js';

/** Held bytes count in whole chunks: a chunk written in part is dropped. */
export const RESUME_UNIT = MAX_PAYLOAD_BYTES;
/** A name longer than this (UTF-8 bytes) is too long for most file systems. */
const MAX_NAME_BYTES = 255;
const PART_SUFFIX = '.p2p-copy-part';

/**
 * How many bytes of a partial file of `length` bytes a receiver keeps for a file of `size` bytes:
 * cut to whole chunks, none if it is longer than the file (the file changed since).
 */
export function keptOfPartial(length, size) {
  return length > size ? 0 : length - (length % RESUME_UNIT);
}

/** The name of the partial file of a file named `name` (one path element). */
export async function partialName(name) {
  const plain = '.' + name + PART_SUFFIX;
  if (utf8(plain).length <= MAX_NAME_BYTES) {
    return plain;
  }
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(name)));
  return '.' + toHex(hash).slice(0, 32) + PART_SUFFIX;
}

/** A HashChain after the first `size` bytes that `read(offset, length)` gives. */
export async function chainAfter(read, size) {
  const hash = new HashChain();
  for await (const chunk of fileChunks(read, size, hash)) {
    void chunk; // only the chain is wanted here
  }
  return hash;
}

/**
 * The receiver's entry in `accept.resume` for file `index` of which it keeps `kept` bytes, read
 * by `read(offset, length)`. A partial file that keeps nothing is not listed; a complete file at
 * the final name is, even an empty one (size 0: the sender then continues it at 0, and it is
 * complete).
 */
export async function listHeld(index, kept, read) {
  return { index, size: kept, chain: toHex((await chainAfter(read, kept)).value) };
}

/** The receiver's HashChain for a file it listed as `item`: after the held bytes, at the next chunk. */
export function chainAt(item) {
  return new HashChain(fromHex(item.chain), BigInt(Math.ceil(item.size / RESUME_UNIT)));
}

/**
 * The sender's check of `accept.resume` against the sizes of its files (in manifest order):
 * indexes in range and strictly ascending, sizes whole chunks or exactly the file's size. Returns
 * the items by index.
 *
 * @throws {ProtocolError} code 'protocol' for a list that breaks these rules
 */
export function checkResumeList(resume, sizes) {
  const byIndex = new Map();
  let last = -1;
  for (const item of resume ?? []) {
    if (item.index <= last || item.index >= sizes.length) {
      throw new ProtocolError('protocol', 'accept lists file ' + item.index + ' to resume, which is '
        + (item.index >= sizes.length ? 'not in the manifest' : 'out of order'));
    }
    if (item.size % RESUME_UNIT !== 0 && item.size !== sizes[item.index]) {
      throw new ProtocolError('protocol', 'accept lists ' + item.size + ' bytes held of file ' + item.index
        + ': neither whole chunks nor the size of the file');
    }
    byIndex.set(item.index, item);
    last = item.index;
  }
  return byIndex;
}

/**
 * Where the sender starts a file of `size` bytes that the receiver listed as `item` (undefined: not
 * listed, so at 0): if its own first `item.size` bytes give the listed chain, after them, else (the
 * file changed on one side) from the start. Returns {offset, hash: the HashChain to continue with,
 * changed}.
 */
export async function resumeOffset(item, size, read) {
  if (item === undefined) {
    return { offset: 0, hash: new HashChain(), changed: false };
  }
  if (item.size <= size) {
    const hash = await chainAfter(read, item.size);
    if (equalBytes(hash.value, fromHex(item.chain))) {
      return { offset: item.size, hash, changed: false };
    }
  }
  return { offset: 0, hash: new HashChain(), changed: true };
}

/**
 * What the sender tells its user about a listed file (§4.8: a changed file is sent again), or null
 * when there is nothing to tell (listed with nothing held).
 */
export function resumeNote(path, offset, size, changed) {
  const name = printable(path);
  if (changed) {
    return name + ' differs from what the receiver holds of it: sent again from the start';
  }
  if (offset === size) {
    return name + ' is complete on the receiver\'s side: not sent again';
  }
  return offset === 0 ? null
    : name + ': the receiver holds ' + offset + ' of its ' + size + ' bytes; continued from there';
}
