// picked.js: source entries from an <input type="file"> selection and from a directory handle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entriesFromDirectoryHandle, entriesFromFiles } from '../src/transfer/picked.js';
import { createSourceTree } from '../src/transfer/source.js';

/** A File as an <input webkitdirectory> gives it: the path below the chosen folder's parent. */
function picked(relativePath, text) {
  const file = new File([text], relativePath.split('/').at(-1));
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

/** A FileSystemDirectoryHandle's shape: name, kind, values(); files with getFile(). */
function directory(name, children) {
  return {
    name,
    kind: 'directory',
    async* values() {
      yield* children;
    },
  };
}

function fileHandle(name, text) {
  return { name, kind: 'file', getFile: async () => new File([text], name) };
}

describe('entriesFromFiles', () => {
  it('adds the folders on the way, each before its contents, in manifest order', async () => {
    const entries = entriesFromFiles([picked('top/b/z.txt', 'zz'), picked('top/a b.txt', 'x'), picked('top/a/y', ''),
      picked('top/a/x', 'xyz')]);
    assert.deepEqual(entries.map((e) => [e.path, e.kind, e.size]), [
      ['top', 'dir', undefined], ['top/a', 'dir', undefined], ['top/a/x', 'file', 3], ['top/a/y', 'file', 0],
      ['top/a b.txt', 'file', 1], ['top/b', 'dir', undefined], ['top/b/z.txt', 'file', 2]]);
    assert.equal(createSourceTree(entries).files, 4);
    assert.equal(new TextDecoder().decode(await entries[2].read(1, 2)), 'yz');
  });

  it('takes plain files by their names', () => {
    const entries = entriesFromFiles([new File(['1'], 'b.txt'), new File(['22'], 'a.txt')]);
    assert.deepEqual(entries.map((e) => [e.path, e.size]), [['a.txt', 2], ['b.txt', 1]]);
  });
});

describe('entriesFromDirectoryHandle', () => {
  it('walks the whole tree, empty folders and files included, names sorted', async () => {
    const handle = directory('photos', [
      fileHandle('b.jpg', 'bbb'),
      directory('empty', []),
      directory('A', [fileHandle('zero', '')]),
    ]);
    const entries = await entriesFromDirectoryHandle(handle);
    assert.deepEqual(entries.map((e) => [e.path, e.kind, e.size]), [
      ['photos', 'dir', undefined], ['photos/A', 'dir', undefined], ['photos/A/zero', 'file', 0],
      ['photos/b.jpg', 'file', 3], ['photos/empty', 'dir', undefined]]);
    assert.equal(createSourceTree(entries).folders, 3);
  });
});
