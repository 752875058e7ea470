// Several received files as one zip archive, made as they arrive (client-zip, stored without
// compression: the archive is for carrying a tree, and the bytes were compressed or not by the
// sender already). Entries are added in the order the receiver creates them; each file's bytes
// pass through as they are written, so memory holds a chunk or two, never a file.
import { makeZip } from 'client-zip';
import { Inbox } from '../transport/inbox.js';

/**
 * A zip archive written to `out` ({write, close, abort}) from the entries added to it.
 *
 * @returns {addFolder(path), addFile(path, size) → {write, close, abort}, finish(), abort(reason)}
 */
export function zipWriter(out) {
  const entries = new Inbox();
  const pumped = pump(makeZip(entriesOf(entries)), out);
  pumped.catch(() => {}); // a failed archive is reported by the write or finish() that meets it

  return {
    addFolder(path) {
      entries.push({ name: path + '/' });
    },
    addFile(path, size) {
      const { readable, writable } = new TransformStream();
      entries.push({ name: path, size, input: readable });
      const writer = writable.getWriter();
      return {
        async write(bytes) {
          await writer.ready;
          await writer.write(bytes);
        },
        close: () => writer.close(),
        abort: (reason) => writer.abort(reason).catch(() => {}),
      };
    },
    /** After the last entry: writes the archive's directory and completes it. */
    async finish() {
      entries.end(COMPLETE);
      await pumped;
    },
    abort(reason) {
      entries.end(reason ?? new Error('aborted'));
      out.abort(reason);
    },
  };
}

async function pump(zip, out) {
  const reader = zip.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      await out.write(value);
    }
  } catch (e) {
    reader.cancel(e).catch(() => {});
    out.abort(e);
    throw e;
  }
  await out.close();
}

/** Thrown into the queue by finish(): the entries are complete. */
const COMPLETE = Symbol('complete');

/** The entries as they are added, for makeZip: they end with finish(), or fail with abort(). */
async function* entriesOf(queue) {
  for (;;) {
    let entry;
    try {
      entry = await queue.take();
    } catch (e) {
      if (e === COMPLETE) {
        return;
      }
      throw e;
    }
    yield entry;
  }
}
