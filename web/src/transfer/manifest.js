// The manifest (docs/protocol.md §4.2, §4.3): how the sender cuts it into messages, and the checks a
// receiver in a browser makes before it accepts (the Java client's OutputTree.check without the
// disk: what exists in the output folder is the sink's business).
import { MAX_COUNT, MAX_ENTRIES } from '../protocol/codec.js';
import { ProtocolError, printable } from '../protocol/errors.js';
import { checkPath } from '../protocol/paths.js';
import { utf8 } from '../protocol/bytes.js';

/**
 * A manifest message holds about this many bytes at most (as the Java client's
 * Sender.MANIFEST_PART_BYTES), far below the 1 MiB of a control message even for long paths.
 */
export const MANIFEST_PART_BYTES = 256 * 1024;
/** A cap on a received manifest, so that a hostile sender cannot fill memory with entries. */
export const MAX_MANIFEST_ENTRIES = 10_000_000;

/**
 * The manifest messages for `entries` ({path, kind, size} in manifest order): at most MAX_ENTRIES
 * entries and about MANIFEST_PART_BYTES each, `more` on all but the last.
 */
export function manifestParts(entries) {
  const parts = [];
  let part = [];
  let partBytes = 0;
  for (const { path, kind, size } of entries) {
    // At worst JSON escapes every byte of the path; the other members take well under 64.
    const bytes = 2 * utf8(path).length + 64;
    if (part.length > 0 && (part.length === MAX_ENTRIES || partBytes + bytes > MANIFEST_PART_BYTES)) {
      parts.push(part);
      part = [];
      partBytes = 0;
    }
    part.push(kind === 'dir' ? { path, kind } : { path, kind, size });
    partBytes += bytes;
  }
  parts.push(part);
  return parts.map((list, i) => ({ type: 'manifest', entries: list, more: i < parts.length - 1 }));
}

/**
 * The receiver's checks of a complete manifest: every path allowed (§5), none twice, each inside a
 * folder listed before it (so never inside a file), and sizes that add up to a count the protocol
 * can carry. Returns {files: the file entries in order (index = position), folders: count, bytes}.
 *
 * @throws {ProtocolError} code 'bad_path', or 'protocol' for a total beyond 2^53-1 bytes
 */
export function checkManifest(entries) {
  const kinds = new Map();
  const files = [];
  let bytes = 0;
  for (const entry of entries) {
    const path = entry.path;
    checkPath(path);
    if (kinds.has(path)) {
      throw new ProtocolError('bad_path', 'the manifest lists "' + printable(path) + '" twice');
    }
    const slash = path.lastIndexOf('/');
    if (slash > 0) {
      const parent = path.slice(0, slash);
      if (kinds.get(parent) === 'file') {
        throw new ProtocolError('bad_path', 'the manifest lists "' + printable(path) + '" inside the file "'
          + printable(parent) + '"');
      }
      if (kinds.get(parent) !== 'dir') {
        throw new ProtocolError('bad_path', 'the manifest lists "' + printable(path) + '" before its folder');
      }
    }
    kinds.set(path, entry.kind);
    if (entry.kind === 'file') {
      files.push(entry);
      bytes += entry.size;
      if (bytes > MAX_COUNT) {
        throw new ProtocolError('protocol', 'the files of the manifest add up to more than 2^53-1 bytes');
      }
    }
  }
  return { files, folders: entries.length - files.length, bytes };
}
