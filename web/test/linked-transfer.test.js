// A real JS sender and a real JS receiver joined by a Link that records what a relay would see and
// can alter frames as a hostile relay could, as the Java client's LinkedTransferTest. Proves what
// the encryption promises (docs/security.md) without a network: nothing of the transfer in clear, a
// wrong code or a tampered handshake stops both sides before any metadata moves, an altered frame
// fails integrity and nothing unverified is committed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sender } from '../src/transfer/sender.js';
import { Receiver } from '../src/transfer/receiver.js';
import { TransferError } from '../src/protocol/errors.js';
import { MAX_PAYLOAD_BYTES, chain, ZERO_CHAIN } from '../src/protocol/chain.js';
import { toHex } from '../src/protocol/bytes.js';
import { Link } from './link.js';
import { MemorySink, byPath, hexOf, memorySource } from './memory.js';

const CODE = '7-crayon-orbit';
const SECRET_NAME = 'Quarterly secret plan.txt';
const TEXT = 'the merger closes on friday; tell no one outside the board\n';

/** 3 MiB and a few bytes of deterministic noise: four chunks, the last one short. */
const BIG = (() => {
  const bytes = new Uint8Array(3 * MAX_PAYLOAD_BYTES + 12345);
  let state = 42;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
})();

/** The big file first, so that damage to it leaves nothing committed. */
const TREE = [
  { path: 'src', kind: 'dir' },
  { path: 'src/big.bin', kind: 'file', bytes: BIG },
  { path: 'src/nested', kind: 'dir' },
  { path: 'src/nested/empty', kind: 'dir' },
  { path: 'src/nested/zero', kind: 'file', bytes: new Uint8Array(0) },
  { path: 'src/' + SECRET_NAME, kind: 'file', bytes: new TextEncoder().encode(TEXT) },
];

function expectedSnapshot() {
  return byPath(TREE.map(({ path, kind, bytes }) => kind === 'dir' ? { path, kind } : { path, kind, hex: hexOf(bytes) }));
}

/**
 * Runs both sides to the end over `link`. Returns each side's result or TransferError, the
 * receiver's sink and the offer it saw (null if none).
 */
async function transfer(link, { senderCode = CODE, receiverCode = CODE, encrypt = true, decline = false,
  sink = new MemorySink(), senderOptions = {} } = {}) {
  let offer = null;
  const sender = new Sender(link.sender, senderCode, memorySource(TREE), { encrypt, ...senderOptions });
  const receiver = new Receiver(link.receiver, receiverCode, {
    onOffer: async (seen) => {
      offer = seen;
      return decline ? null : sink;
    },
  });
  const [s, r] = await Promise.allSettled([sender.run(), receiver.run()]);
  return { sender: outcome(s), receiver: outcome(r), sink, offer };
}

function outcome(settled) {
  if (settled.status === 'fulfilled') {
    return settled.value;
  }
  assert.ok(settled.reason instanceof TransferError, 'not a TransferError: ' + settled.reason?.stack);
  return settled.reason;
}

function assertSuccess(result) {
  assert.ok(!(result.sender instanceof Error), 'sender: ' + result.sender.message);
  assert.ok(!(result.receiver instanceof Error), 'receiver: ' + result.receiver.message);
}

function assertFailed(error, exitCode, code, text) {
  assert.ok(error instanceof TransferError, 'expected a failure, got success');
  assert.equal(error.exitCode, exitCode, error.message);
  assert.equal(error.code, code, error.message);
  if (text !== undefined) {
    assert.match(error.message, text);
  }
}

const latin1 = (bytes) => Buffer.from(bytes).toString('latin1');

/**
 * What of the transfer a relay could read: names and paths, size fields, content and chain values.
 * Each leak is reported as "what: frame i".
 */
async function leaks(link) {
  const firstChain = await chain(ZERO_CHAIN, BIG.subarray(0, MAX_PAYLOAD_BYTES));
  const secrets = [
    ['name', SECRET_NAME], ['path', 'nested/zero'], ['size', '"size"'], ['size', String(BIG.length)],
    ['content', TEXT.slice(0, 24)], ['content', latin1(BIG.subarray(1000, 1048))],
    ['chain', latin1(firstChain)], ['chain', toHex(firstChain)],
  ];
  const found = [];
  for (const [i, frame] of link.recorded.entries()) {
    const text = latin1(frame.bytes);
    for (const [what, secret] of secrets) {
      if (text.includes(secret)) {
        found.push(what + ': frame ' + i);
      }
    }
  }
  return found;
}

/** Flips one bit in the middle of the `which`-th binary frame (from 1) that passes. */
function flipInBinary(which) {
  let count = 0;
  return (frame) => {
    if ('binary' in frame && ++count === which) {
      frame.binary[frame.binary.length >> 1] ^= 1;
    }
    return frame;
  };
}

describe('a JS sender and a JS receiver over a link', () => {
  it('an encrypted transfer arrives whole and shows the relay no name, size, chain or content', async () => {
    const link = new Link();
    const result = await transfer(link);
    assertSuccess(result);
    assert.deepEqual(result.sink.snapshot(), expectedSnapshot());
    assert.equal(result.sink.finished, true);
    assert.deepEqual(result.sink.aborted, []);
    assert.equal(result.sink.failure, null);
    assert.deepEqual(result.sender, { ...result.sender, files: 3, folders: 3, bytes: BIG.length + TEXT.length,
      encrypted: true });
    assert.deepEqual(result.receiver, { ...result.receiver, files: 3, folders: 3, bytes: BIG.length + TEXT.length,
      encrypted: true });
    assert.deepEqual(result.offer.entries.map((e) => e.path), TREE.map((e) => e.path));
    assert.deepEqual(await leaks(link), [], 'readable by the relay');
    assert.ok(link.recorded.slice(4).every((frame) => 'binary' in frame), 'only sealed frames after the handshake');
    assert.ok(link.sender.closed && link.receiver.closed, 'both sides closed');
    assert.deepEqual([link.sender.closeCode, link.receiver.closeCode], [1000, 1000]);
  });

  it('without encryption the same check finds everything: it is able to fail', async () => {
    const link = new Link();
    const result = await transfer(link, { encrypt: false });
    assertSuccess(result);
    assert.equal(result.sender.encrypted, false);
    assert.equal(result.offer.encrypted, false);
    assert.deepEqual(result.sink.snapshot(), expectedSnapshot());
    const found = await leaks(link);
    for (const what of ['name', 'path', 'size', 'content', 'chain']) {
      assert.ok(found.some((leak) => leak.startsWith(what)), what + ' not found in ' + found);
    }
  });

  it('reports progress and each verified file', async () => {
    const link = new Link();
    const sent = [];
    const verified = [];
    let started = null;
    const sink = new MemorySink();
    const sender = new Sender(link.sender, CODE, memorySource(TREE), {
      listener: { progress: (done, total) => sent.push([done, total]) },
    });
    const receiver = new Receiver(link.receiver, CODE, {
      onOffer: async () => sink,
      listener: { started: (...args) => { started = args; }, fileVerified: (path, size) => verified.push([path, size]),
        progress: () => { throw new Error('a faulty progress bar'); } },
    });
    const uncaught = [];
    const reportError = globalThis.reportError;
    globalThis.reportError = (e) => uncaught.push(e); // as a browser has it
    try {
      await Promise.all([sender.run(), receiver.run()]);
    } finally {
      globalThis.reportError = reportError;
    }
    const total = BIG.length + TEXT.length;
    assert.deepEqual(sent.at(-1), [total, total]);
    assert.equal(sent.length, 5, 'one call a chunk');
    assert.deepEqual(started, [3, 3, total, 0]);
    assert.deepEqual(verified, [['src/big.bin', BIG.length], ['src/nested/zero', 0], ['src/' + SECRET_NAME, TEXT.length]]);
    assert.ok(uncaught.length > 0 && uncaught.every((e) => e.message === 'a faulty progress bar'),
      "a callback's error is reported, the transfer goes on");
  });

  it('a wrong code stops both sides with exit code 7 before any name moves', async () => {
    const link = new Link();
    const result = await transfer(link, { receiverCode: '7-crayon-orbiT' });
    assertFailed(result.sender, 7, 'wrong_code', /wrong code or tampering/);
    assertFailed(result.receiver, 7, 'wrong_code', /wrong code or tampering/);
    assert.equal(result.offer, null, 'the receiver was offered nothing');
    assert.deepEqual(result.sink.calls, [], "the receiver's sink got nothing");
    assert.ok(!link.recorded.some((frame) => latin1(frame.bytes).includes(SECRET_NAME)), 'a name crossed the relay');
    assert.deepEqual([link.sender.closeCode, link.receiver.closeCode], [4100, 4100],
      'the relay hears of the failed pairing');
  });

  it('a relay that strips encryption from the hello is caught by the confirmation', async () => {
    const link = new Link({
      toReceiver: (frame) => 'text' in frame && frame.text.includes('"hello"')
        ? { text: frame.text.replace('"aes-256-gcm"', '') } : frame,
    });
    const result = await transfer(link);
    assertFailed(result.sender, 7, 'wrong_code');
    assertFailed(result.receiver, 7, 'wrong_code');
    assert.deepEqual(result.sink.calls, []);
  });

  it('a flipped bit in a sealed chunk fails integrity on both sides, and no file is committed', async () => {
    // After the handshake: the manifest, file_begin, chunk 0, chunk 1 of the big file.
    const link = new Link({ toReceiver: flipInBinary(4) });
    const result = await transfer(link);
    assertFailed(result.receiver, 5, 'integrity', /altered/);
    assertFailed(result.sender, 5, 'integrity', /^the receiver stopped: /);
    assert.equal(result.sender.byPeer, true);
    assert.deepEqual([...result.sink.files.keys()], [], 'a file was committed');
    assert.deepEqual(result.sink.aborted, ['src/big.bin']);
    assert.match(result.sink.failure?.message, /altered/, 'the sink heard that the transfer failed');
    assert.equal(result.sink.finished, false);
  });

  it('a flipped bit in a chunk in clear fails its chain', async () => {
    const link = new Link({ toReceiver: flipInBinary(2) });
    const result = await transfer(link, { encrypt: false });
    assertFailed(result.receiver, 5, 'integrity', /chunk 1 does not match its checksum chain/);
    assertFailed(result.sender, 5, 'integrity');
    assert.deepEqual([...result.sink.files.keys()], []);
    assert.deepEqual(result.sink.aborted, ['src/big.bin']);
  });

  it('a file_begin that continues where the receiver holds nothing is a protocol error', async () => {
    const link = new Link({
      toReceiver: (frame) => 'text' in frame && frame.text.includes('"file_begin"')
        ? { text: frame.text.replace('}', ',"offset":1048576}') } : frame,
    });
    const result = await transfer(link, { encrypt: false });
    assertFailed(result.receiver, 4, 'protocol', /src\/big\.bin: the sender continues at byte 1048576, but nothing/);
    assertFailed(result.sender, 4, 'protocol', /^the receiver stopped: /);
    assert.deepEqual(result.sink.calls.filter(([call]) => call === 'createFile'), [], 'a file was begun');
  });

  it('a frame injected in clear after the handshake fails integrity', async () => {
    let binaries = 0;
    // The sender's first binary frame is its sealed manifest: it arrives as text instead.
    const link = new Link({
      toReceiver: (frame) => 'binary' in frame && ++binaries === 1 ? { text: '{"type":"accept"}' } : frame,
    });
    const result = await transfer(link);
    assertFailed(result.receiver, 5, 'integrity', /in clear/);
    assert.equal(result.offer, null);
  });

  it('declining the offer stops the sender with the peer\'s cancelled', async () => {
    const link = new Link();
    const result = await transfer(link, { decline: true });
    assertFailed(result.sender, 4, 'cancelled', /^the receiver stopped: the receiver declined the transfer$/);
    assert.equal(result.sender.byPeer, true);
    assertFailed(result.receiver, 4, 'cancelled', /declined/);
    assert.equal(result.receiver.byPeer, false);
    assert.equal(result.offer.files, 3);
    assert.deepEqual(result.sink.calls, []);
  });

  it('a sender that cancels mid-file stops both; the receiver aborts the file', async () => {
    const link = new Link();
    const abort = new AbortController();
    const result = await transfer(link, {
      senderOptions: { signal: abort.signal, listener: { progress: () => abort.abort() } },
    });
    assertFailed(result.sender, 4, 'cancelled', /you cancelled/);
    assert.equal(result.sender.byPeer, false);
    assertFailed(result.receiver, 4, 'cancelled', /^the sender stopped: the sender cancelled the transfer$/);
    assert.equal(result.receiver.byPeer, true);
    assert.deepEqual([...result.sink.files.keys()], []);
    assert.deepEqual(result.sink.aborted, ['src/big.bin']);
  });

  it('a receiver that cancels while it is asked stops both', async () => {
    const link = new Link();
    const abort = new AbortController();
    const sender = new Sender(link.sender, CODE, memorySource(TREE));
    const receiver = new Receiver(link.receiver, CODE, {
      signal: abort.signal,
      onOffer: () => {
        abort.abort();
        return new Promise(() => {}); // the page's question stays open
      },
    });
    const [s, r] = await Promise.allSettled([sender.run(), receiver.run()]);
    assertFailed(outcome(s), 4, 'cancelled', /^the receiver stopped: the receiver cancelled the transfer$/);
    assertFailed(outcome(r), 4, 'cancelled', /you cancelled/);
  });

  it('a receiver that leaves mid-transfer stops the sender with peer_left', async () => {
    let binaries = 0;
    const link = new Link({
      toReceiver: (frame) => {
        if ('binary' in frame && ++binaries === 2) {
          link.receiver.close(); // the receiver's tab was closed
        }
        return frame;
      },
    });
    const result = await transfer(link, { encrypt: false });
    assertFailed(result.sender, 4, null, /the other side left/);
    assert.equal(result.sender.closeCode, 4002);
  });

  it("a full disk on the receiver's side stops both with no_space", async () => {
    const link = new Link();
    const sink = new MemorySink().failOn('write', new DOMException('quota', 'QuotaExceededError'));
    const result = await transfer(link, { sink });
    assertFailed(result.receiver, 6, 'no_space', /the disk is full: cannot write src\/big\.bin/);
    assertFailed(result.sender, 6, 'no_space', /^the receiver stopped: the disk is full/);
    assert.deepEqual(sink.aborted, ['src/big.bin']);
  });

  it('a sink that refuses the folders stops before accept, with its code', async () => {
    const link = new Link();
    const { ProtocolError } = await import('../src/protocol/errors.js');
    const sink = new MemorySink().failOn('createFolder', new ProtocolError('exists', 'src exists as a file'));
    const result = await transfer(link, { sink });
    assertFailed(result.receiver, 6, 'exists', /^src exists as a file$/);
    assertFailed(result.sender, 6, 'exists', /^the receiver stopped: src exists as a file$/);
  });
});
