// docs/vectors/resume.json: what a resuming receiver keeps and lists in `accept`, where the sender
// continues, the chunks it sends and the file's digest (docs/protocol.md §4.8), each computed by
// the functions the page's sender and receiver use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { concat, toHex } from '../src/protocol/bytes.js';
import {
  checkResumeList, keptOfPartial, listHeld, partialName, resumeNote, resumeOffset,
} from '../src/transfer/resume.js';
import { fileChunks } from '../src/transfer/file-chunks.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { bytes, name, tests } from './vectors.js';

const contentOf = (segments) => concat(...segments.map(bytes));
const readerOf = (content) => async (offset, length) => content.slice(offset, offset + length);

describe('resume.json', () => {
  for (const test of tests('resume.json')) {
    it(name(test), async () => {
      const file = contentOf(test.file);
      const held = contentOf(test.held);
      // A file at its final name is there only if it has the manifest's size, and is kept whole.
      const kept = test.heldAt === 'final' ? held.length : keptOfPartial(held.length, file.length);
      assert.equal(kept, test.kept, 'kept');

      // A partial file that keeps nothing is not listed; a complete one always is.
      const listed = kept > 0 || test.heldAt === 'final' ? await listHeld(0, kept, readerOf(held)) : null;
      assert.deepEqual(listed, test.listed === null ? null : { index: 0, ...test.listed }, 'listed');

      const items = checkResumeList(listed === null ? [] : [listed], [file.length]);
      const { offset, hash: chain } = await resumeOffset(items.get(0), file.length, readerOf(file));
      assert.equal(offset, test.offset, 'offset');

      const sent = [];
      for await (const chunk of fileChunks(readerOf(file), file.length, chain)) {
        sent.push({ seq: Number(chunk.seq), chain: toHex(chunk.chain) });
      }
      assert.deepEqual(sent, test.chunks, 'chunks');
      assert.equal(toHex(chain.value), test.digest, 'digest');
      assert.equal(Number(chain.nextSeq), Math.ceil(file.length / 1048576), 'file_end.chunks counts the whole file');
    });
  }
});

describe('the partial file and the resume list', () => {
  it('a partial file is named .NAME.p2p-copy-part, a hash of NAME when that is over 255 bytes', async () => {
    assert.equal(await partialName('a b.jpg'), '.a b.jpg.p2p-copy-part');
    // 1 + 240 + 14 bytes: just fits.
    assert.equal(await partialName('x'.repeat(240)), '.' + 'x'.repeat(240) + '.p2p-copy-part');
    // Counted in UTF-8 bytes: 121 two-byte letters make 242.
    for (const long of ['x'.repeat(241), 'é'.repeat(121)]) {
      const hash = createHash('sha256').update(long, 'utf8').digest('hex').slice(0, 32);
      assert.equal(await partialName(long), '.' + hash + '.p2p-copy-part');
    }
  });

  it('a partial file is cut to whole chunks, and emptied when longer than the file', () => {
    const MIB = 1048576;
    assert.equal(keptOfPartial(MIB + 5, 3 * MIB), MIB);
    assert.equal(keptOfPartial(3 * MIB, 3 * MIB), 3 * MIB);
    assert.equal(keptOfPartial(2 * MIB, 2 * MIB - 1), 0);
  });

  it('the sender starts afresh a file of which the receiver holds more than the file has', async () => {
    const file = new Uint8Array(1000).fill(7);
    const held = new Uint8Array(1048576).fill(7);
    const item = await listHeld(0, held.length, readerOf(held));
    const { offset, hash, changed } = await resumeOffset(item, file.length, readerOf(file));
    assert.deepEqual([offset, Number(hash.nextSeq), changed], [0, 0, true]);
  });

  it('an empty file listed complete continues at 0 and is complete; a file listed with nothing held is not told of',
    async () => {
      const empty = new Uint8Array(0);
      const item = await listHeld(0, 0, readerOf(empty));
      assert.deepEqual(item, { index: 0, size: 0, chain: '00'.repeat(32) });
      const { offset, changed } = await resumeOffset(item, 0, readerOf(empty));
      assert.deepEqual([offset, changed], [0, false]);
      assert.match(resumeNote('e', 0, 0, false), /^e is complete/);
      assert.equal(resumeNote('f', 0, 5, false), null);
    });

  it('the sender refuses a list that breaks the rules of §4.8 with protocol', () => {
    const sizes = [3 * 1048576, 13, 0];
    const item = (index, size) => ({ index, size, chain: '00'.repeat(32) });
    assert.deepEqual([...checkResumeList([item(0, 1048576), item(1, 13)], sizes).keys()], [0, 1]);
    // Whole chunks beyond the file are not wrong, only changed: resumeOffset sends it again.
    assert.deepEqual([...checkResumeList([item(1, 1048576)], sizes).keys()], [1]);
    assert.equal(checkResumeList(undefined, sizes).size, 0);
    for (const [list, why] of [
      [[item(3, 0)], /not in the manifest/],
      [[item(1, 13), item(0, 1048576)], /out of order/],
      [[item(1, 13), item(1, 13)], /out of order/],
      [[item(0, 1000)], /neither whole chunks nor the size of the file/],
    ]) {
      assert.throws(() => checkResumeList(list, sizes), (e) => e instanceof ProtocolError && e.code === 'protocol'
        && why.test(e.message));
    }
  });
});
