// What the sender sends (the Java client's SourceTree): entries in manifest order, each
// {path, kind: 'dir'} or {path, kind: 'file', size, read(offset, length) → Promise<Uint8Array>}.
// The page backs `read` with File objects (fileEntry); tests back it with memory. Checked before
// connecting, so that a name the protocol does not allow is reported before anyone waits.
import { MAX_COUNT } from '../protocol/codec.js';
import { EXIT, TransferError, UsageError, printable } from '../protocol/errors.js';
import { pathProblem } from '../protocol/paths.js';

/**
 * The checked tree: {entries, files, folders, bytes}.
 *
 * @throws {UsageError} nothing to send, a path twice, an entry outside a folder listed before it,
 *     or an entry that is not one of the two forms
 * @throws {TransferError} exit code 6 for a name the protocol does not allow (§5): rename it first
 */
export function createSourceTree(entries) {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new UsageError('nothing to send: choose at least one file or folder');
  }
  const kinds = new Map();
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    const path = entry?.path;
    if (typeof path !== 'string' || (entry.kind !== 'dir' && entry.kind !== 'file')) {
      throw new UsageError('an entry to send has no path or no kind ' + "('dir' or 'file')");
    }
    const problem = pathProblem(path);
    if (problem !== null) {
      throw new TransferError(EXIT.LOCAL_FILE, 'cannot send "' + printable(path) + '": ' + problem
        + ' is not allowed in a transfer; rename it first');
    }
    if (kinds.has(path)) {
      throw new UsageError('two of the entries to send are named "' + printable(path)
        + '": they would land on the same name on the other side');
    }
    const slash = path.lastIndexOf('/');
    if (slash > 0 && kinds.get(path.slice(0, slash)) !== 'dir') {
      throw new UsageError('"' + printable(path) + '" is to be sent before or without its folder');
    }
    kinds.set(path, entry.kind);
    if (entry.kind === 'file') {
      if (!Number.isSafeInteger(entry.size) || entry.size < 0 || typeof entry.read !== 'function') {
        throw new UsageError('the file entry "' + printable(path) + '" needs a size and a read function');
      }
      files++;
      bytes += entry.size;
      if (bytes > MAX_COUNT) {
        throw new UsageError('the files add up to more than 2^53-1 bytes');
      }
    }
  }
  return Object.freeze({ entries: Object.freeze([...entries]), files, folders: entries.length - files, bytes });
}

/** A folder entry. */
export function folderEntry(path) {
  return { path, kind: 'dir' };
}

/**
 * A file entry backed by a Blob or File: its size is the one the browser knows now, and each read
 * takes a slice. (A file changed on disk after it was chosen fails to read in Chrome and Firefox:
 * the sender then stops with `io`.)
 */
export function fileEntry(path, blob) {
  return {
    path,
    kind: 'file',
    size: blob.size,
    async read(offset, length) {
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
  };
}
