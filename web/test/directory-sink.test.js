// folder-sink.js against a folder in memory: files pass through their partial files
// (.NAME.p2p-copy-part) and get their names only once verified; with `resume` the sink reports what
// an earlier run left and continues it (docs/protocol.md §4.8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { directorySink } from '../src/ui/folder-sink.js';
import { FakeFolder } from './fake-folder.js';

const MIB = 1048576;
const bytesOf = (...values) => Uint8Array.from(values);
const filled = (length, value) => new Uint8Array(length).fill(value);
const names = (folder) => [...folder.children.keys()].sort();

async function readAll(held) {
  return held === null ? null : { size: held.size, bytes: await held.read(0, held.size) };
}

describe('a folder sink', () => {
  for (const move of [true, false]) {
    it('writes a tree into the chosen folder, a file under its name only once closed'
      + (move ? '' : ', copied where move is missing'), async () => {
      const root = new FakeFolder('chosen', { move });
      const entries = [{ path: 'p', kind: 'dir' }, { path: 'p/q', kind: 'dir' },
        { path: 'p/q/a.txt', kind: 'file', size: 3 }];
      const sink = await directorySink(root, entries);
      await sink.createFolder('p');
      await sink.createFolder('p/q');
      const file = await sink.createFile('p/q/a.txt', 3, 0);
      await file.write(bytesOf(1, 2));
      await file.write(bytesOf(3));
      assert.deepEqual(names(root.at('p/q')), ['.a.txt.p2p-copy-part']);
      assert.deepEqual(root.at('p/q/.a.txt.p2p-copy-part').bytes, new Uint8Array(0), 'shown before close');
      await file.close();
      assert.deepEqual(names(root.at('p/q')), ['a.txt']);
      assert.deepEqual(root.at('p/q/a.txt').bytes, bytesOf(1, 2, 3));
    });
  }

  it('drops a file given up before any byte, and keeps the verified part of one given up later', async () => {
    const root = new FakeFolder('chosen');
    const sink = await directorySink(root, [{ path: 'a.bin', kind: 'file', size: 2 }, { path: 'b.bin', kind: 'file',
      size: 2 }]);
    await (await sink.createFile('a.bin', 2, 0)).abort();
    const b = await sink.createFile('b.bin', 2, 0);
    await b.write(bytesOf(7));
    await b.abort();
    assert.deepEqual(names(root), ['.b.bin.p2p-copy-part']);
    assert.deepEqual(root.at('.b.bin.p2p-copy-part').bytes, bytesOf(7));
  });

  it('refuses an entry that exists at the top, or its partial file, and touches nothing', async () => {
    const root = new FakeFolder('chosen');
    await root.put('a.bin', [9]);
    await assert.rejects(directorySink(root, [{ path: 'a.bin', kind: 'file', size: 1 }]),
      (e) => e.code === 'exists' && /a\.bin exists already/.test(e.message));
    assert.deepEqual(root.at('a.bin').bytes, bytesOf(9));
    await root.put('.c.bin.p2p-copy-part', [1]);
    await assert.rejects(directorySink(root, [{ path: 'c.bin', kind: 'file', size: 1 }]),
      (e) => e.code === 'exists' && /part of c\.bin from an earlier transfer: receive with "resume"/.test(e.message));
    // And when it appears between accepting and writing.
    const sink = await directorySink(root, [{ path: 'p', kind: 'dir' }]);
    await root.getDirectoryHandle('p', { create: true });
    await assert.rejects(sink.createFolder('p'), (e) => e.code === 'exists');
  });
});

describe('a folder sink that resumes', () => {
  const entries = [{ path: 'p', kind: 'dir' }, { path: 'p/whole.bin', kind: 'file', size: 13 },
    { path: 'p/part.bin', kind: 'file', size: 3 * MIB }, { path: 'p/long.bin', kind: 'file', size: MIB },
    { path: 'p/new.bin', kind: 'file', size: 5 }, { path: 'p/empty', kind: 'file', size: 0 }];

  async function earlierRun() {
    const root = new FakeFolder('chosen');
    await root.put('p/whole.bin', filled(13, 1));
    await root.put('p/empty', []);
    await root.put('p/.part.bin.p2p-copy-part', filled(MIB + 5, 2)); // the second chunk written in part
    await root.put('p/.long.bin.p2p-copy-part', filled(2 * MIB, 3)); // longer than the file: it changed
    return root;
  }

  it('reports a complete file whole, a partial one cut to whole chunks, and nothing else', async () => {
    const root = await earlierRun();
    const sink = await directorySink(root, entries, { resume: true });
    assert.deepEqual(await readAll(await sink.held('p/whole.bin', 13)), { size: 13, bytes: filled(13, 1) });
    assert.deepEqual(await readAll(await sink.held('p/part.bin', 3 * MIB)), { size: MIB, bytes: filled(MIB, 2) });
    assert.equal(root.at('p/.part.bin.p2p-copy-part').bytes.length, MIB, 'the cut is made to the file');
    assert.equal(await sink.held('p/long.bin', MIB), null);
    assert.equal(root.at('p/.long.bin.p2p-copy-part').bytes.length, 0, 'emptied');
    assert.equal(await sink.held('p/new.bin', 5), null);
    assert.deepEqual(await readAll(await sink.held('p/empty', 0)), { size: 0, bytes: new Uint8Array(0) },
      'an empty file at its name is complete');
    assert.equal(await sink.held('elsewhere/x', 5), null, 'in a folder that does not exist');
  });

  it('refuses a file of another size at the final name, and a file where a folder is needed', async () => {
    const root = await earlierRun();
    const sink = await directorySink(root, entries, { resume: true });
    await assert.rejects(sink.held('p/whole.bin', 14),
      (e) => e.code === 'exists' && /with another size/.test(e.message));
    await root.put('f', [1]);
    await assert.rejects(sink.held('f/x', 1), (e) => e.code === 'exists' && /f is in the way/.test(e.message));
    await assert.rejects(sink.createFolder('f'), (e) => e.code === 'exists');
  });

  it('continues a partial file after what it holds, and leaves a complete one as it is', async () => {
    const root = await earlierRun();
    const sink = await directorySink(root, entries, { resume: true });
    await sink.held('p/whole.bin', 13);
    await sink.held('p/part.bin', 3 * MIB);
    await sink.createFolder('p');
    const whole = await sink.createFile('p/whole.bin', 13, 13);
    await whole.close();
    assert.deepEqual(root.at('p/whole.bin').bytes, filled(13, 1));
    const part = await sink.createFile('p/part.bin', 3 * MIB, MIB);
    await part.write(filled(2 * MIB, 4));
    await part.close();
    const expected = filled(3 * MIB, 4);
    expected.fill(2, 0, MIB);
    assert.deepEqual(root.at('p/part.bin').bytes, expected);
    assert.deepEqual(names(root.at('p')), ['.long.bin.p2p-copy-part', 'empty', 'part.bin', 'whole.bin']);
  });

  it('refuses to write again a complete file that the sender sends afresh: nothing is replaced', async () => {
    const root = await earlierRun();
    const sink = await directorySink(root, entries, { resume: true });
    await sink.held('p/whole.bin', 13);
    await assert.rejects(sink.createFile('p/whole.bin', 13, 0), (e) => e.code === 'exists');
    assert.deepEqual(root.at('p/whole.bin').bytes, filled(13, 1));
  });
});
