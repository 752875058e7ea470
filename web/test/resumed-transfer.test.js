// An interrupted transfer resumed, end to end: a JS sender and a JS receiver over a Link, the
// receiver saving into a folder in memory (folder-sink.js). The first run stops halfway and leaves
// the verified part of a file behind; a second run with "resume" lists it, and the sender sends
// only the rest — or everything again if its file changed since (docs/protocol.md §4.8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sender } from '../src/transfer/sender.js';
import { Receiver } from '../src/transfer/receiver.js';
import { directorySink } from '../src/ui/folder-sink.js';
import { decodeChunk } from '../src/protocol/chain.js';
import { Link } from './link.js';
import { FakeFolder } from './fake-folder.js';
import { hexOf, memorySource } from './memory.js';
import { noise } from './texts.js';

const CODE = '7-crayon-orbit';
const MIB = 1048576;

const SMALL = new TextEncoder().encode('the small file comes first\n');
const BIG = noise(4 * MIB + 77, 5);
const treeWith = (big) => [
  { path: 'p', kind: 'dir' },
  { path: 'p/small.txt', kind: 'file', bytes: SMALL },
  { path: 'p/empty', kind: 'file', bytes: new Uint8Array(0) },
  { path: 'p/big.bin', kind: 'file', bytes: big },
];

/**
 * One run into `root`. `stopAfter` bytes verified, the receiver's user cancels. In clear, so that
 * the test can read the seq of every chunk that crosses the link.
 */
async function run(root, tree, { resume, stopAfter = Infinity, link = new Link() }) {
  const stop = new AbortController();
  const said = [];
  const sender = new Sender(link.sender, CODE, memorySource(tree), { encrypt: false, listener: {
    status: (m) => said.push(m), warning: (m) => said.push(m),
  } });
  const receiver = new Receiver(link.receiver, CODE, {
    signal: stop.signal,
    onOffer: (offer) => directorySink(root, offer.entries, { resume }),
    listener: { progress: (done) => { if (done >= stopAfter) stop.abort(); } },
  });
  const [sent, received] = await Promise.allSettled([sender.run(), receiver.run()]);
  const seqs = link.recorded.filter((frame) => frame.from === 'sender' && 'binary' in frame)
    .map((frame) => Number(decodeChunk(frame.binary).seq));
  return { sent, received, seqs, said };
}

async function interrupted() {
  const root = new FakeFolder('chosen');
  const first = await run(root, treeWith(BIG), { resume: false, stopAfter: SMALL.length + 2 * MIB });
  assert.equal(first.received.status, 'rejected');
  assert.equal(first.received.reason.code, 'cancelled');
  assert.deepEqual([...root.at('p').children.keys()].sort(), ['.big.bin.p2p-copy-part', 'empty', 'small.txt']);
  const held = root.at('p/.big.bin.p2p-copy-part').bytes;
  assert.ok(held.length >= 2 * MIB && held.length < BIG.length && held.length % MIB === 0,
    'whole verified chunks of big.bin kept: ' + held.length);
  assert.equal(hexOf(held), hexOf(BIG.subarray(0, held.length)));
  return { root, heldChunks: held.length / MIB };
}

describe('a transfer resumed into a folder', () => {
  it('sends only what the receiver does not hold, and the files arrive whole', async () => {
    const { root, heldChunks } = await interrupted();
    const second = await run(root, treeWith(BIG), { resume: true });
    assert.equal(second.received.status, 'fulfilled', second.received.reason?.message);
    assert.equal(second.sent.status, 'fulfilled', second.sent.reason?.message);
    // big.bin has five chunks; the first one sent continues after the held ones.
    assert.deepEqual(second.seqs, Array.from({ length: 5 - heldChunks }, (_, i) => heldChunks + i));
    assert.ok(second.said.some((m) => /small\.txt is complete/.test(m)), second.said.join('\n'));
    assert.ok(second.said.some((m) => /p\/empty is complete/.test(m)), 'an empty file is listed complete too');
    assert.ok(second.said.some((m) => new RegExp('big\\.bin: the receiver holds ' + heldChunks * MIB).test(m)));
    assert.deepEqual([...root.at('p').children.keys()].sort(), ['big.bin', 'empty', 'small.txt']);
    assert.equal(hexOf(root.at('p/big.bin').bytes), hexOf(BIG));
    assert.equal(hexOf(root.at('p/small.txt').bytes), hexOf(SMALL));
  });

  it("sends a file again from the start when the sender's differs from what is held", async () => {
    const { root } = await interrupted();
    const changed = Uint8Array.from(BIG);
    changed[10] ^= 1;
    const second = await run(root, treeWith(changed), { resume: true });
    assert.equal(second.received.status, 'fulfilled', second.received.reason?.message);
    assert.deepEqual(second.seqs, [0, 1, 2, 3, 4]);
    assert.ok(second.said.some((m) => /big\.bin differs from what the receiver holds/.test(m)));
    assert.equal(hexOf(root.at('p/big.bin').bytes), hexOf(changed));
  });

  it('a file_begin that continues elsewhere than where the held data ends is a protocol error', async () => {
    const { root, heldChunks } = await interrupted();
    const link = new Link({
      toReceiver: (frame) => 'text' in frame && frame.text.includes('"offset":' + heldChunks * MIB)
        ? { text: frame.text.replace('"offset":' + heldChunks * MIB, '"offset":' + MIB) } : frame,
    });
    const second = await run(root, treeWith(BIG), { resume: true, link });
    assert.equal(second.received.reason.code, 'protocol');
    assert.match(second.received.reason.message,
      new RegExp('big\\.bin: the sender continues at byte 1048576, but ' + heldChunks * MIB
        + ' bytes of it were held'));
    assert.equal(hexOf(root.at('p/.big.bin.p2p-copy-part').bytes), hexOf(BIG.subarray(0, heldChunks * MIB)),
      'what was held is kept');
  });

  it('without resume, the part left behind is refused before anything moves', async () => {
    const { root } = await interrupted();
    const second = await run(root, treeWith(BIG), { resume: false });
    assert.equal(second.received.reason.code, 'exists');
    assert.deepEqual(second.seqs, []);
  });
});
