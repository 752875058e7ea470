// Compressed chunks end to end (docs/protocol.md §3.3): a JS sender and a JS receiver over a Link,
// each with or without the Zstandard library and the sender in each Compression mode. What crosses
// is read from the link (in clear unless the test is about encryption), so the tests see which
// chunks went compressed, and that the files still arrive byte for byte.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { Sender } from '../src/transfer/sender.js';
import { Receiver } from '../src/transfer/receiver.js';
import { decodeChunk, MAX_PAYLOAD_BYTES } from '../src/protocol/chain.js';
import { TransferError } from '../src/protocol/errors.js';
import { loadZstd } from '../src/compression/zstd.js';
import { directorySink } from '../src/ui/folder-sink.js';
import { Link } from './link.js';
import { FakeFolder } from './fake-folder.js';
import { MemorySink, hexOf, memorySource } from './memory.js';
import { noise, textLike } from './texts.js';

const CODE = '7-crayon-orbit';
const MIB = MAX_PAYLOAD_BYTES;
const TEXT = textLike(3 * MIB + 4321);
const NOISE = noise(2 * MIB + 5, 11);
const TREE = [
  { path: 'd', kind: 'dir' },
  { path: 'd/log.txt', kind: 'file', bytes: TEXT },
  { path: 'd/noise.bin', kind: 'file', bytes: NOISE },
  { path: 'd/one.txt', kind: 'file', bytes: Uint8Array.of(0x41) },
  { path: 'd/empty', kind: 'file', bytes: new Uint8Array(0) },
];

let zstd;
before(async () => {
  zstd = await loadZstd();
});

async function transfer({ senderZstd = zstd, receiverZstd = zstd, compress, encrypt = false, link = new Link(),
  tree = TREE, sink = new MemorySink(), signal } = {}) {
  const sender = new Sender(link.sender, CODE, memorySource(tree), { encrypt, compress, zstd: senderZstd });
  const receiver = new Receiver(link.receiver, CODE, { zstd: receiverZstd, signal, onOffer: async () => sink });
  const [sent, received] = await Promise.allSettled([sender.run(), receiver.run()]);
  const chunks = link.recorded.filter((f) => f.from === 'sender' && 'binary' in f);
  // The two hellos cross in either order: the sender's first, whichever was recorded first.
  const hellos = link.recorded.filter((f) => 'text' in f && f.text.includes('"hello"')).map((f) => JSON.parse(f.text))
    .sort((a, b) => (a.role === 'sender' ? 0 : 1) - (b.role === 'sender' ? 0 : 1));
  return {
    sent: sent.value ?? sent.reason, received: received.value ?? received.reason, sink, hellos,
    compressedSeqs: encrypt ? null : chunks.map((f) => decodeChunk(f.binary)).filter((c) => c.compressed)
      .map((c) => Number(c.seq)),
    wire: chunks.reduce((sum, f) => sum + f.bytes.length, 0),
  };
}

function assertArrived(result, tree = TREE) {
  assert.ok(!(result.sent instanceof Error), 'sender: ' + result.sent.message);
  assert.ok(!(result.received instanceof Error), 'receiver: ' + result.received.message);
  for (const { path, kind, bytes } of tree) {
    if (kind === 'file') {
      assert.equal(hexOf(result.sink.files.get(path)), hexOf(bytes), path);
    }
  }
}

const offered = (hello) => hello.capabilities.includes('zstd');

describe('compressed chunks between a JS sender and a JS receiver', () => {
  it("'auto' compresses the text file, leaves the noise raw, and every byte arrives", async () => {
    const result = await transfer({ compress: 'auto' });
    assertArrived(result);
    assert.deepEqual(result.hellos.map(offered), [true, true]);
    assert.deepEqual(result.compressedSeqs, [0, 1, 2, 3], "log.txt's four chunks; none of noise.bin, one.txt");
    assert.equal(result.sent.compressed, true);
    assert.equal(result.sent.wireBytes, result.wire - 40 * result.compressedSeqs.length - 40 * 3 - 40,
      'wireBytes counts the payloads that crossed');
    assert.ok(result.wire < TEXT.length / 4 + NOISE.length + 1000, 'fewer bytes crossed: ' + result.wire);
  });

  it("'on' tries every chunk but still sends raw what does not shrink", async () => {
    const result = await transfer({ compress: 'on' });
    assertArrived(result);
    assert.deepEqual(result.compressedSeqs, [0, 1, 2, 3]);
  });

  it("'off' leaves zstd out of the sender's hello, and nothing goes compressed", async () => {
    const result = await transfer({ compress: 'off' });
    assertArrived(result);
    assert.deepEqual(result.hellos.map(offered), [false, true]);
    assert.deepEqual(result.compressedSeqs, []);
    assert.equal(result.sent.compressed, false);
  });

  it('without the library on either side, zstd is not offered by that side and chunks go raw', async () => {
    for (const [senderZstd, receiverZstd, hellos] of [[null, zstd, [false, true]], [zstd, null, [true, false]]]) {
      const result = await transfer({ senderZstd, receiverZstd, compress: 'on' });
      assertArrived(result);
      assert.deepEqual(result.hellos.map(offered), hellos);
      assert.deepEqual(result.compressedSeqs, []);
    }
  });

  it('the library may come as a promise: the page starts loading it before anyone pairs', async () => {
    const result = await transfer({ senderZstd: Promise.resolve(zstd), receiverZstd: Promise.resolve(zstd) });
    assertArrived(result);
    assert.deepEqual(result.compressedSeqs, [0, 1, 2, 3]);
  });

  it('encrypted, the sealed chunks are compressed first: fewer bytes cross', async () => {
    const plain = await transfer({ compress: 'off', encrypt: true });
    const packed = await transfer({ compress: 'auto', encrypt: true });
    assertArrived(plain);
    assertArrived(packed);
    assert.equal(packed.received.encrypted, true);
    assert.ok(packed.wire < plain.wire - 2.5 * MIB, plain.wire + ' then ' + packed.wire);
  });

  it('a raw chunk marked compressed fails: protocol without zstd agreed, integrity with it', async () => {
    const markFirstChunk = () => {
      let marked = false;
      return new Link({ toReceiver: (frame) => {
        if ('binary' in frame && !marked) {
          marked = true;
          frame.binary[0] |= 0x80;
        }
        return frame;
      } });
    };
    const refused = await transfer({ receiverZstd: null, link: markFirstChunk() });
    assert.ok(refused.received instanceof TransferError);
    assert.equal(refused.received.code, 'protocol', refused.received.message);
    // Noise goes raw even with zstd agreed.
    const tree = [{ path: 'd', kind: 'dir' }, { path: 'd/noise.bin', kind: 'file', bytes: NOISE }];
    const broken = await transfer({ compress: 'on', tree, link: markFirstChunk() });
    assert.equal(broken.received.code, 'integrity', broken.received.message);
    assert.match(broken.received.message, /noise\.bin: chunk 0: a compressed chunk is not a zstd frame/);
    assert.equal(broken.sink.files.size, 0, 'nothing committed');
  });
});

describe('a compressed transfer resumed into a folder', () => {
  it('continues after the verified chunks, compressed, and the file arrives whole', async () => {
    const tree = [{ path: 'p', kind: 'dir' }, { path: 'p/log.txt', kind: 'file', bytes: TEXT }];
    const root = new FakeFolder('chosen');
    const into = (resume) => (offer) => directorySink(root, offer.entries, { resume });
    // The receiver's user stops once two chunks are verified.
    const first = await runInto(tree, into(false), new AbortController(), 2 * MIB);
    assert.equal(first.received.code, 'cancelled');
    const held = root.at('p/.log.txt.p2p-copy-part').bytes.length;
    assert.ok(held >= 2 * MIB && held < TEXT.length, 'held ' + held);
    const second = await runInto(tree, into(true), new AbortController(), Infinity);
    assert.ok(!(second.received instanceof Error), second.received.message);
    assert.deepEqual(second.compressedSeqs, Array.from({ length: 4 - held / MIB }, (_, i) => held / MIB + i));
    assert.equal(hexOf(root.at('p/log.txt').bytes), hexOf(TEXT));
  });
});

async function runInto(tree, onOffer, stop, stopAfter) {
  const link = new Link();
  const sender = new Sender(link.sender, CODE, memorySource(tree), { encrypt: false, zstd });
  const receiver = new Receiver(link.receiver, CODE, { zstd, signal: stop.signal, onOffer,
    listener: { progress: (done) => { if (done >= stopAfter) stop.abort(); } } });
  const [, received] = await Promise.allSettled([sender.run(), receiver.run()]);
  const compressedSeqs = link.recorded.filter((f) => f.from === 'sender' && 'binary' in f)
    .map((f) => decodeChunk(f.binary)).filter((c) => c.compressed).map((c) => Number(c.seq));
  return { received: received.value ?? received.reason, compressedSeqs };
}
