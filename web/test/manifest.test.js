// manifest.js and source.js: the manifest as the sender cuts it and the receiver checks it (§4.2,
// §4.3), and the sender's own checks of what it is given.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MANIFEST_PART_BYTES, checkManifest, manifestParts } from '../src/transfer/manifest.js';
import { createSourceTree, fileEntry, folderEntry } from '../src/transfer/source.js';
import { MAX_ENTRIES, encode } from '../src/protocol/codec.js';
import { ProtocolError, TransferError, UsageError } from '../src/protocol/errors.js';

const file = (path, size = 1) => ({ path, kind: 'file', size, read: async () => new Uint8Array(size) });
const dir = (path) => ({ path, kind: 'dir' });
const refused = (code, text) => (e) => e instanceof ProtocolError && e.code === code && text.test(e.message);

describe('manifestParts', () => {
  it('sends a small manifest as one message, entries as §3.1 has them', () => {
    assert.deepEqual(manifestParts([dir('a'), file('a/b', 3)]), [{ type: 'manifest', entries: [
      { path: 'a', kind: 'dir' }, { path: 'a/b', kind: 'file', size: 3 }], more: false }]);
  });

  it('cuts at 1000 entries', () => {
    const entries = [dir('d'), ...Array.from({ length: 2499 }, (_, i) => file('d/f' + i))];
    const parts = manifestParts(entries);
    assert.deepEqual(parts.map((p) => [p.entries.length, p.more]), [[MAX_ENTRIES, true], [MAX_ENTRIES, true], [500, false]]);
    assert.deepEqual(parts.flatMap((p) => p.entries.map((e) => e.path)), entries.map((e) => e.path));
  });

  it('cuts by size, so that long paths never make a message too large', () => {
    const long = 'x'.repeat(250);
    const entries = [dir(long), ...Array.from({ length: 999 }, (_, i) => file(long + '/' + String(i).padStart(250, '0')))];
    const parts = manifestParts(entries);
    assert.ok(parts.length > 1, 'one message of ' + entries.length + ' long paths');
    for (const part of parts) {
      assert.ok(encode(part).length <= MANIFEST_PART_BYTES, 'a part of ' + encode(part).length + ' characters');
    }
    assert.equal(parts.reduce((n, p) => n + p.entries.length, 0), entries.length);
  });

  it('sends an empty manifest as one message', () => {
    assert.deepEqual(manifestParts([]), [{ type: 'manifest', entries: [], more: false }]);
  });
});

describe('checkManifest', () => {
  it('counts files, folders and bytes', () => {
    const { files, folders, bytes } = checkManifest([dir('a'), file('a/x', 5), dir('a/e'), file('top', 7)]);
    assert.deepEqual([files.map((f) => f.path), folders, bytes], [['a/x', 'top'], 2, 12]);
  });

  it('refuses paths of §5, duplicates, and entries outside a folder listed before them', () => {
    assert.throws(() => checkManifest([file('../evil')]), refused('bad_path', /refused path/));
    assert.throws(() => checkManifest([file('a'), file('a')]), refused('bad_path', /lists "a" twice/));
    assert.throws(() => checkManifest([dir('a'), dir('a')]), refused('bad_path', /twice/));
    assert.throws(() => checkManifest([file('a/b')]), refused('bad_path', /before its folder/));
    assert.throws(() => checkManifest([file('a/b'), dir('a')]), refused('bad_path', /before its folder/));
    assert.throws(() => checkManifest([file('a'), file('a/b')]), refused('bad_path', /inside the file "a"/));
    assert.throws(() => checkManifest([file('a'), dir('a/b')]), refused('bad_path', /inside the file/));
  });

  it('refuses sizes that add up beyond what the protocol counts', () => {
    assert.throws(() => checkManifest([file('a', Number.MAX_SAFE_INTEGER), file('b', 1)]), refused('protocol', /2\^53/));
  });

  it('escapes control characters of a path in its message', () => {
    assert.throws(() => checkManifest([file('a\u0085'), file('a\u0085')]), refused('bad_path', /a\\u0085/));
  });
});

describe('createSourceTree', () => {
  it('counts what it sends', () => {
    const tree = createSourceTree([dir('a'), file('a/b', 4), dir('a/c'), file('d', 0)]);
    assert.deepEqual([tree.files, tree.folders, tree.bytes, tree.entries.length], [2, 2, 4, 4]);
  });

  it('refuses a name the protocol does not allow with exit code 6', () => {
    assert.throws(() => createSourceTree([file('con:fused')]),
      (e) => e instanceof TransferError && e.exitCode === 6 && /rename it first/.test(e.message));
  });

  it('refuses nothing, twice the same name, and entries before or outside their folder', () => {
    for (const entries of [[], [file('a'), file('a')], [file('a/b')], [file('a'), file('a/b')], [{ path: 'x' }],
      [{ path: 'x', kind: 'file', size: 1 }], [{ path: 'x', kind: 'file', size: -1, read() {} }]]) {
      assert.throws(() => createSourceTree(entries), UsageError, JSON.stringify(entries));
    }
  });

  it('reads a Blob through fileEntry', async () => {
    const entry = fileEntry('a/b.txt', new Blob(['hello, world']));
    assert.deepEqual([entry.path, entry.kind, entry.size], ['a/b.txt', 'file', 12]);
    assert.equal(new TextDecoder().decode(await entry.read(7, 5)), 'world');
    assert.deepEqual(folderEntry('a'), { path: 'a', kind: 'dir' });
    createSourceTree([folderEntry('a'), entry]);
  });
});
