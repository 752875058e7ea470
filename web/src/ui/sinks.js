// Where the receiver writes (the Sink of transfer/receiver.js) when it saves as downloads: one
// download streamed through the page's service worker, or, where that is not possible, downloads
// held in memory until verified. A folder the user picked is folder-sink.js's.
import { PipeCancelled } from '../download/pipe.js';
import { zipWriter } from '../download/zip.js';
import { ProtocolError, printable } from '../protocol/errors.js';
import { downloadName, zipName } from './place.js';

/**
 * Saves what is offered as one download written as it arrives (download/downloads.js): a single
 * file as itself, anything else as one zip archive of the tree (empty folders included). The
 * browser completes the download only when the last file verified; on any failure it fails, so
 * nothing unverified is left looking complete. Opened before `accept`, while the person's click
 * still lets the page start a download.
 *
 * @param downloads a Downloads (download/downloads.js)
 * @param offer the offer the person accepted (transfer/receiver.js)
 */
export async function streamedSink(downloads, offer) {
  const [only] = offer.entries;
  if (offer.entries.length === 1 && only.kind !== 'dir') {
    const out = await downloads.open(downloadName(only.path), only.size);
    return {
      async createFolder() {},
      async createFile() {
        return {
          write: (bytes) => cancellable(out.write(bytes)),
          close: () => cancellable(out.close()),
          abort: (reason) => out.abort(reason),
        };
      },
      abort: (reason) => out.abort(reason),
    };
  }
  const zip = zipWriter(await downloads.open(zipName(offer.entries)));
  return {
    async createFolder(path) {
      zip.addFolder(path);
    },
    async createFile(path, size) {
      const file = zip.addFile(path, size);
      return {
        write: (bytes) => cancellable(file.write(bytes)),
        close: () => file.close(),
        abort: (reason) => file.abort(reason),
      };
    },
    finish: () => cancellable(zip.finish()),
    abort: (reason) => zip.abort(reason),
  };
}

/** A download the person cancelled in the browser stops the transfer as a decline would. */
async function cancellable(step) {
  try {
    return await step;
  } catch (e) {
    if (e instanceof PipeCancelled) {
      throw new ProtocolError('cancelled', 'the download was cancelled in the browser');
    }
    throw e;
  }
}

/**
 * Saves each file as a download of its own, built from a Blob once it verified: for browsers that
 * cannot stream a download (no service worker, or a page not served over https). The whole file
 * is held in memory until then: fine for files of some hundred MiB, not for very large ones.
 * Folders are not created; a file's download name is its path with '/' as '_'.
 * `save(name, blob)` is for tests; by default a link is clicked.
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
