// Writes the received tree into a folder the user picked (File System Access API). Each file is
// written to its partial file beside the final name (.NAME.p2p-copy-part, docs/protocol.md §4.8)
// and gets its final name only once it verified, so that only verified files ever carry a name
// of the manifest. A transfer that fails keeps the verified part there, to be resumed (§4.6).
import { ProtocolError, printable } from '../protocol/errors.js';
import { keptOfPartial, partialName } from '../transfer/resume.js';
import { fileEntry } from '../transfer/source.js';

/**
 * The Sink (transfer/receiver.js) of a FileSystemDirectoryHandle.
 *
 * Without `resume`, an entry of the offer that exists already at the top of the folder, or the
 * partial file of one, is refused ('exists'): before accepting, and again when it is written;
 * nothing is replaced. With `resume`, the folder may hold an earlier run of the same transfer:
 * the sink then has held(path, size), which tells the receiver what it holds of each file, and
 * createFile continues a partial file where the sender continues it.
 */
export async function directorySink(root, entries = [], { resume = false } = {}) {
  if (!resume) {
    // Checked before the sender hears `accept`, so that a refusal costs no data.
    await refuseTops(root, entries);
  }
  const folders = new Map([['', root]]);
  // Files complete at their final name already (resume): they are not written again.
  const complete = new Set();

  /** The folder `path`, created if need be. */
  async function folderOf(path) {
    if (!folders.has(path)) {
      const [parent, name] = splitPath(path);
      const folder = await folderOf(parent);
      folders.set(path, await inConflict(path, () => folder.getDirectoryHandle(name, { create: true })));
    }
    return folders.get(path);
  }

  /** The folder `path` if it exists, else null; nothing is created. */
  async function existingFolderOf(path) {
    if (folders.has(path)) {
      return folders.get(path);
    }
    const [parent, name] = splitPath(path);
    const folder = await existingFolderOf(parent);
    return folder === null ? null : missingAsNull(() => inConflict(path, () => folder.getDirectoryHandle(name)));
  }

  async function refuseExisting(path) {
    // Below a top-level folder that did not exist nothing can exist either.
    if (!resume && !path.includes('/')) {
      await refuseTops(root, [{ path, kind: 'dir' }]);
    }
  }

  const sink = {
    async createFolder(path) {
      await refuseExisting(path);
      await folderOf(path);
    },

    /** The file `path` of `size` bytes, written from `offset`, where what was held of it ends. */
    async createFile(path, size, offset = 0) {
      await refuseExisting(path);
      const [parent, name] = splitPath(path);
      const folder = await folderOf(parent);
      if (!complete.has(path)) {
        return partialWriter(folder, name, offset);
      }
      if (offset !== size) {
        throw new ProtocolError('exists', printable(path) + " is in the chosen folder, but the sender's file differs "
          + 'from it; nothing was replaced');
      }
      return {
        write: async () => { throw new Error(printable(path) + ' is complete already'); },
        close: async () => {},
        abort: async () => {},
      };
    },
  };
  if (resume) {
    /**
     * What the folder holds of file `path` of `size` bytes: {size, read(offset, length)}, or null.
     *
     * @throws {ProtocolError} 'exists' for something of another size or kind at the final name
     */
    sink.held = async (path, size) => {
      const [parent, name] = splitPath(path);
      const folder = await existingFolderOf(parent);
      if (folder === null) {
        return null;
      }
      const finalHandle = await missingAsNull(() => inConflict(path, () => folder.getFileHandle(name)));
      const final = finalHandle === null ? null : await finalHandle.getFile();
      if (final !== null) {
        if (final.size !== size) {
          throw new ProtocolError('exists', printable(path) + ' exists already in the chosen folder with another size; '
            + 'nothing was replaced');
        }
        complete.add(path);
        return { size, read: fileEntry(path, final).read };
      }
      const part = await missingAsNull(async () => folder.getFileHandle(await partialName(name)));
      return part === null ? null : keptOf(part, size, path);
    };
  }
  return sink;
}

/**
 * What a partial file holds for a file of `size` bytes, after cutting it to whole chunks (emptied
 * if it is longer than the file): the cut is made to the file itself, so that what the receiver
 * lists is exactly what it keeps (§4.8).
 */
async function keptOf(handle, size, path) {
  let part = await handle.getFile();
  const kept = keptOfPartial(part.size, size);
  if (kept < part.size) {
    const writable = await handle.createWritable({ keepExistingData: true });
    await writable.truncate(kept);
    await writable.close();
    part = await handle.getFile(); // the File read before the cut no longer reads
  }
  return kept === 0 ? null : { size: kept, read: fileEntry(path, part).read };
}

/**
 * The writer of the file `name` in `folder`, through its partial file, from `offset` (the partial
 * file holds that much already). A writable shows nothing of what it got until it is closed.
 */
async function partialWriter(folder, name, offset) {
  const part = await partialName(name);
  const handle = await folder.getFileHandle(part, { create: true });
  const writable = await handle.createWritable({ keepExistingData: offset > 0 });
  if (offset > 0) {
    await writable.seek(offset);
  }
  let held = offset;
  return {
    async write(bytes) {
      await writable.write(bytes);
      held += bytes.length;
    },
    async close() {
      await writable.close();
      await rename(folder, handle, part, name);
    },
    async abort() {
      if (held > 0) {
        // The receiver writes only chunks that verified: all of it is kept, to be resumed.
        await writable.close();
        return;
      }
      try {
        await writable.abort();
      } finally {
        await folder.removeEntry(part).catch(() => {});
      }
    },
  };
}

/**
 * Gives the partial file `from` its final name `to`. FileSystemFileHandle.move renames in place,
 * but browsers have it for files outside the origin's private file system only in recent versions;
 * where it is missing or refuses, the file is copied and the partial file removed, which costs a
 * second write of the file but leaves the same result.
 */
async function rename(folder, handle, from, to) {
  if (typeof handle.move === 'function') {
    try {
      await handle.move(to);
      return;
    } catch (e) {
      if (e?.name !== 'NotSupportedError') {
        throw e;
      }
    }
  }
  const target = await folder.getFileHandle(to, { create: true });
  await (await handle.getFile()).stream().pipeTo(await target.createWritable());
  await folder.removeEntry(from);
}

/** Refuses an entry of `entries` at the top of `root` that exists there, or whose partial file does. */
async function refuseTops(root, entries) {
  const names = new Set();
  for await (const name of root.keys()) {
    names.add(name);
  }
  for (const entry of entries.filter((e) => !e.path.includes('/'))) {
    if (names.has(entry.path)) {
      throw new ProtocolError('exists', printable(entry.path) + ' exists already in the chosen folder; nothing was '
        + 'replaced');
    }
    if (entry.kind === 'file' && names.has(await partialName(entry.path))) {
      throw new ProtocolError('exists', 'the chosen folder holds part of ' + printable(entry.path) + ' from an earlier '
        + 'transfer: receive with "resume" to continue it, or remove it first');
    }
  }
}

/** [the folder's path, the last element] of a path; '' for the top. */
function splitPath(path) {
  const cut = path.lastIndexOf('/');
  return [cut < 0 ? '' : path.slice(0, cut), path.slice(cut + 1)];
}

/** A folder where a file is needed, or the other way round, is a conflict (§4.3). */
async function inConflict(path, action) {
  try {
    return await action();
  } catch (e) {
    if (e?.name === 'TypeMismatchError') {
      throw new ProtocolError('exists', printable(path) + ' is in the way in the chosen folder (a file where a folder '
        + 'is needed, or a folder where a file is); nothing was replaced');
    }
    throw e;
  }
}

async function missingAsNull(action) {
  try {
    return await action();
  } catch (e) {
    if (e?.name === 'NotFoundError') {
      return null;
    }
    throw e;
  }
}
