// A Source and a Sink in memory, for the transfer tests. Not a test file itself.
import { concat } from '../src/protocol/bytes.js';

/** Lower-case hex, fast for megabytes (bytes.js's toHex is for digests). */
export const hexOf = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Source entries for a tree given as [{path, kind: 'dir'} | {path, kind: 'file', bytes}]. */
export function memorySource(tree) {
  return tree.map(({ path, kind, bytes }) => kind === 'dir' ? { path, kind } : {
    path,
    kind,
    size: bytes.length,
    read: async (offset, length) => bytes.slice(offset, offset + length),
  });
}

/**
 * A sink that keeps what it is given. `calls` lists every call in order; `files` holds the
 * committed files (path → bytes); `aborted` the paths of files given up; `failure` the error the
 * whole transfer failed with, if it told the sink; `failOn(name)` makes the next call of that name throw.
 */
export class MemorySink {
  calls = [];
  folders = [];
  files = new Map();
  aborted = [];
  finished = false;
  failure = null;
  #failures = new Map();

  failOn(name, error) {
    this.#failures.set(name, error);
    return this;
  }

  #call(name, ...args) {
    this.calls.push([name, ...args]);
    const failure = this.#failures.get(name);
    if (failure !== undefined) {
      throw failure;
    }
  }

  async createFolder(path) {
    this.#call('createFolder', path);
    this.folders.push(path);
  }

  async createFile(path, size) {
    this.#call('createFile', path, size);
    const parts = [];
    return {
      write: async (bytes) => {
        this.#call('write', path, bytes.length);
        parts.push(bytes);
      },
      close: async () => {
        this.#call('close', path);
        this.files.set(path, concat(...parts));
      },
      abort: async () => {
        this.#call('abort', path);
        this.aborted.push(path);
      },
    };
  }

  async finish() {
    this.#call('finish');
    this.finished = true;
  }

  abort(error) {
    this.failure = error;
  }

  /** Folders and committed files as [{path, kind: 'dir'} | {path, kind: 'file', hex}], sorted by path. */
  snapshot() {
    return byPath([
      ...this.folders.map((path) => ({ path, kind: 'dir' })),
      ...[...this.files].map(([path, bytes]) => ({ path, kind: 'file', hex: hexOf(bytes) })),
    ]);
  }
}

export function byPath(entries) {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
