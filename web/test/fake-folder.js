// A FileSystemDirectoryHandle in memory with what folder-sink.js uses (File System Access API):
// files whose writables show their bytes only on close, keepExistingData, seek, truncate, and
// FileSystemFileHandle.move, which `{move: false}` takes away as older browsers lack it for files
// the user picked. Not a test file itself.

const domError = (name, message) => Object.assign(new Error(message), { name });

export class FakeFolder {
  kind = 'directory';
  children = new Map();

  constructor(name, { move = true } = {}) {
    this.name = name;
    this.canMove = move;
  }

  async *keys() {
    yield* this.children.keys();
  }

  async getDirectoryHandle(name, { create = false } = {}) {
    return this.#get(name, create, () => new FakeFolder(name, { move: this.canMove }), 'directory');
  }

  async getFileHandle(name, { create = false } = {}) {
    return this.#get(name, create, () => new FakeFile(name, this), 'file');
  }

  async removeEntry(name) {
    if (!this.children.delete(name)) {
      throw domError('NotFoundError', name);
    }
  }

  /** The entry at `path` ('a/b/c'), or undefined. */
  at(path) {
    return path.split('/').reduce((folder, name) => folder?.children?.get(name), this);
  }

  /** Puts a file with `bytes` at `path`, creating the folders on the way. */
  async put(path, bytes) {
    const names = path.split('/');
    let folder = this;
    for (const name of names.slice(0, -1)) {
      folder = await folder.getDirectoryHandle(name, { create: true });
    }
    const file = await folder.getFileHandle(names.at(-1), { create: true });
    file.bytes = Uint8Array.from(bytes);
    return file;
  }

  #get(name, create, make, kind) {
    let child = this.children.get(name);
    if (child === undefined) {
      if (!create) {
        throw domError('NotFoundError', name);
      }
      child = make();
      this.children.set(name, child);
    }
    if (child.kind !== kind) {
      throw domError('TypeMismatchError', name);
    }
    return child;
  }
}

export class FakeFile {
  kind = 'file';
  bytes = new Uint8Array(0);
  /** How many writables were closed, and aborted. */
  closed = 0;
  aborted = 0;

  constructor(name, parent) {
    this.name = name;
    this.parent = parent;
    if (parent.canMove) {
      this.move = async (newName) => {
        if (this.parent.children.has(newName)) {
          throw domError('InvalidModificationError', newName + ' exists');
        }
        this.parent.children.delete(this.name);
        this.name = newName;
        this.parent.children.set(newName, this);
      };
    }
  }

  async getFile() {
    return new File([this.bytes], this.name);
  }

  async createWritable({ keepExistingData = false } = {}) {
    return new FakeWritable(this, keepExistingData ? Uint8Array.from(this.bytes) : new Uint8Array(0));
  }
}

/** A WritableStream, as FileSystemWritableFileStream is, so that a Blob's stream can be piped into it. */
class FakeWritable extends WritableStream {
  #data;
  #at = 0;

  constructor(file, data) {
    let self = null;
    super({
      write: (chunk) => self.#put(chunk),
      close: () => {
        file.bytes = self.#data;
        file.closed++;
      },
      abort: () => {
        file.aborted++;
      },
    });
    self = this;
    this.#data = data;
  }

  async write(data) {
    const writer = this.getWriter();
    try {
      await writer.write(data);
    } finally {
      writer.releaseLock();
    }
  }

  async seek(position) {
    this.#at = position;
  }

  async truncate(size) {
    const data = new Uint8Array(size);
    data.set(this.#data.subarray(0, size));
    this.#data = data;
    this.#at = Math.min(this.#at, size);
  }

  #put(chunk) {
    const end = this.#at + chunk.length;
    if (end > this.#data.length) {
      const data = new Uint8Array(end);
      data.set(this.#data);
      this.#data = data;
    }
    this.#data.set(chunk, this.#at);
    this.#at = end;
  }
}
