import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directorySink } from '../src/ui/sinks.js';

/** A FileSystemDirectoryHandle in memory, with what the sink uses: a writable shows its bytes on close. */
class FakeFolder {
  kind = 'directory';
  children = new Map();

  constructor(name) {
    this.name = name;
  }

  async *keys() {
    yield* this.children.keys();
  }

  async getDirectoryHandle(name, { create = false } = {}) {
    return this.#get(name, create, () => new FakeFolder(name), 'directory');
  }

  async getFileHandle(name, { create = false } = {}) {
    return this.#get(name, create, () => new FakeFile(name), 'file');
  }

  async removeEntry(name) {
    if (!this.children.delete(name)) {
      throw Object.assign(new Error(name), { name: 'NotFoundError' });
    }
  }

  #get(name, create, make, kind) {
    let child = this.children.get(name);
    if (child === undefined) {
      if (!create) {
        throw Object.assign(new Error(name), { name: 'NotFoundError' });
      }
      child = make();
      this.children.set(name, child);
    }
    if (child.kind !== kind) {
      throw Object.assign(new Error(name), { name: 'TypeMismatchError' });
    }
    return child;
  }
}

class FakeFile {
  kind = 'file';
  bytes = [];

  constructor(name) {
    this.name = name;
  }

  async createWritable() {
    const parts = [];
    return {
      write: async (u8) => { parts.push(...u8); },
      close: async () => { this.bytes = parts; },
      abort: async () => {},
    };
  }
}

test('a tree is written into the chosen folder, a file only as a whole on close', async () => {
  const root = new FakeFolder('chosen');
  const entries = [{ path: 'p', kind: 'dir' }, { path: 'p/q', kind: 'dir' }, { path: 'p/q/a.txt', kind: 'file', size: 3 }];
  const sink = await directorySink(root, entries);
  await sink.createFolder('p');
  await sink.createFolder('p/q');
  const file = await sink.createFile('p/q/a.txt', 3);
  await file.write(new Uint8Array([1, 2]));
  await file.write(new Uint8Array([3]));
  const written = root.children.get('p').children.get('q').children.get('a.txt');
  assert.deepEqual(written.bytes, []);
  await file.close();
  assert.deepEqual(written.bytes, [1, 2, 3]);
});

test('an aborted file leaves no entry behind', async () => {
  const root = new FakeFolder('chosen');
  const sink = await directorySink(root, [{ path: 'a.bin', kind: 'file', size: 2 }]);
  const file = await sink.createFile('a.bin', 2);
  await file.write(new Uint8Array([7]));
  await file.abort();
  assert.deepEqual([...root.children.keys()], []);
});

test('an entry that exists at the top is refused before accepting and nothing is touched', async () => {
  const root = new FakeFolder('chosen');
  const old = await root.getFileHandle('a.bin', { create: true });
  old.bytes = [9];
  await assert.rejects(directorySink(root, [{ path: 'a.bin', kind: 'file', size: 1 }]),
    (e) => e.code === 'exists' && /a\.bin exists already/.test(e.message));
  assert.deepEqual(old.bytes, [9]);
  // And when it appears between accepting and writing.
  const sink = await directorySink(root, [{ path: 'p', kind: 'dir' }]);
  await root.getDirectoryHandle('p', { create: true });
  await assert.rejects(sink.createFolder('p'), (e) => e.code === 'exists');
});
