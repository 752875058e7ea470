// Where the receiver writes (the Sink of transfer/receiver.js): into a folder the user picked
// (File System Access API), or as downloads.
import { ProtocolError, printable } from '../protocol/errors.js';
import { downloadName } from './place.js';

/**
 * Writes the tree into a FileSystemDirectoryHandle. An entry that exists already at the top is
 * refused ('exists'): before accepting, for the offer's `entries`, and again when it is written;
 * nothing is replaced. Each file is written through createWritable, which the
 * browser keeps aside until close(): only a verified file appears; abort() discards it and removes
 * the entry.
 */
export async function directorySink(root, entries = []) {
  // Checked before the sender hears `accept`, so that a refusal costs no data.
  const tops = new Set(entries.filter((e) => !e.path.includes('/')).map((e) => e.path));
  for await (const name of root.keys()) {
    if (tops.has(name)) {
      throw new ProtocolError('exists', printable(name) + ' exists already in the chosen folder; nothing was replaced');
    }
  }

  const folders = new Map([['', root]]);

  async function folderOf(path) {
    if (!folders.has(path)) {
      const cut = path.lastIndexOf('/');
      const parent = await folderOf(cut < 0 ? '' : path.slice(0, cut));
      folders.set(path, await parent.getDirectoryHandle(path.slice(cut + 1), { create: true }));
    }
    return folders.get(path);
  }

  async function refuseExisting(path) {
    if (path.includes('/')) {
      return; // below a top-level folder that did not exist, so nothing there can exist either
    }
    for await (const name of root.keys()) {
      if (name === path) {
        throw new ProtocolError('exists', printable(path) + ' exists already in the chosen folder; nothing was replaced');
      }
    }
  }

  return {
    async createFolder(path) {
      await refuseExisting(path);
      await folderOf(path);
    },
    async createFile(path, size) {
      await refuseExisting(path);
      const cut = path.lastIndexOf('/');
      const parent = await folderOf(cut < 0 ? '' : path.slice(0, cut));
      const name = path.slice(cut + 1);
      const handle = await parent.getFileHandle(name, { create: true });
      const writable = await handle.createWritable({ keepExistingData: false });
      return {
        write: (bytes) => writable.write(bytes),
        close: () => writable.close(),
        async abort() {
          try {
            await writable.abort();
          } finally {
            await parent.removeEntry(name).catch(() => {});
          }
        },
      };
    },
  };
}

/**
 * Saves each file as a download of its own, built from a Blob once it verified. The whole file is
 * held in memory until then: fine for files of some hundred MiB, not for very large ones (a zip
 * streamed through a service worker is later work). Folders are not created; a file's download
 * name is its path with '/' as '_'. `save(name, blob)` is for tests; by default a link is clicked.
 */
export function downloadSink(save = saveBlob) {
  return {
    async createFolder() {},
    async createFile(path) {
      let parts = [];
      return {
        async write(bytes) {
          parts.push(bytes);
        },
        async close() {
          const blob = new Blob(parts, { type: 'application/octet-stream' });
          parts = [];
          save(downloadName(path), blob);
        },
        async abort() {
          parts = [];
        },
      };
    },
  };
}

function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the blob after the click returns; let it go only later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
