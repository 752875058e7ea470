// docs/vectors/transfer.json: whole transfers frame by frame, handshake included (the vector fixes
// both SPAKE2 secrets). Each peer's handshake must give the vector's hellos, confirms and keys;
// every sealed frame must open to the vector's plaintext and, sealed again with the vector's keys
// and counters, give the vector's wire bytes exactly; and the plaintexts must be the transfer of
// the vector's tree, as a sender would send it and a receiver check it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../src/protocol/codec.js';
import { HashChain, MAX_PAYLOAD_BYTES, decodeChunk, digest, encodeChunk } from '../src/protocol/chain.js';
import { checkPath } from '../src/protocol/paths.js';
import { parseCode } from '../src/protocol/code.js';
import { CHUNK } from '../src/protocol/sealed.js';
import { encryptionAgreed, openerFor, sealerFor, startKeyExchange } from '../src/protocol/keyexchange.js';
import { fromHex, toHex } from '../src/protocol/bytes.js';
import { name, tests } from './vectors.js';

const OTHER = { sender: 'receiver', receiver: 'sender' };

/** A text frame's message without the optional hello member software, which frames compare without. */
function withoutSoftware(message) {
  const { software, ...rest } = message;
  return rest;
}

/**
 * Both peers' handshakes with the vector's code and secrets: each hello and confirm as the vector
 * has them, each MAC accepted by the other, and (encrypted) the vector's traffic keys.
 */
async function handshake(test, peerFrames) {
  const [senderHello, receiverHello, senderConfirm, receiverConfirm] = peerFrames.slice(0, 4);
  assert.deepEqual([senderHello.from, receiverHello.from, senderConfirm.from, receiverConfirm.from],
    ['sender', 'receiver', 'sender', 'receiver'], 'the handshake frames');
  const hellos = { sender: decode(senderHello.text), receiver: decode(receiverHello.text) };
  const confirms = { sender: decode(senderConfirm.text), receiver: decode(receiverConfirm.text) };
  const password = parseCode(test.code).password;
  const secrets = { sender: test.senderSecret, receiver: test.receiverSecret };
  const capabilities = { sender: test.senderCapabilities, receiver: test.receiverCapabilities };

  const keys = {};
  for (const role of ['sender', 'receiver']) {
    const exchange = await startKeyExchange(role, password, secrets[role]);
    const hello = { type: 'hello', version: 1, role, capabilities: capabilities[role], spake2: toHex(exchange.share) };
    assert.deepEqual(decode(encode(hello)), withoutSoftware(hellos[role]), role + "'s hello");
    const peerHello = hellos[OTHER[role]];
    assert.equal(peerHello.role, OTHER[role]);
    const confirmation = await exchange.finish(fromHex(peerHello.spake2), hellos.sender.capabilities,
      hellos.receiver.capabilities);
    assert.deepEqual(decode(encode({ type: 'confirm', mac: toHex(confirmation.mac) })), confirms[role],
      role + "'s confirm");
    keys[role] = await confirmation.confirm(fromHex(confirms[OTHER[role]].mac));
    assert.notEqual(keys[role], null, role + " refused the other's MAC");
  }
  assert.deepEqual(keys.sender, keys.receiver, 'both peers have the same traffic keys');
  assert.equal(encryptionAgreed(hellos.sender.capabilities, hellos.receiver.capabilities), test.encrypt, 'encrypt');
  if (test.encrypt) {
    assert.equal(toHex(keys.sender.keyS2R), test.keyS2R, 'keyS2R');
    assert.equal(toHex(keys.sender.keyR2S), test.keyR2S, 'keyR2S');
  }
  return keys.sender;
}

/**
 * The frames after the handshake as plaintexts, {from, text} or {from, binary}: as they are in
 * clear, opened with the keys of their direction when sealed. Each sealed frame must open to the
 * vector's plaintext, and sealing that plaintext again must give the vector's wire bytes.
 */
async function plaintexts(test, frames, keys) {
  if (!test.encrypt) {
    return frames.map((frame) => {
      assert.ok(!('sealed' in frame), 'a sealed frame in a transfer without encryption');
      return 'text' in frame ? { from: frame.from, text: frame.text } : { from: frame.from, binary: fromHex(frame.binary) };
    });
  }
  // Each receiving end opens what the other sealed; the sealing ends seal it again.
  const openers = { sender: await openerFor('receiver', keys), receiver: await openerFor('sender', keys) };
  const sealers = { sender: await sealerFor('sender', keys), receiver: await sealerFor('receiver', keys) };
  const out = [];
  for (const [i, frame] of frames.entries()) {
    const where = 'frame ' + i + ' from the ' + frame.from;
    assert.ok('sealed' in frame && 'wire' in frame, where + ' is not sealed');
    const opened = await openers[frame.from].open(fromHex(frame.wire));
    let sealedAgain;
    if ('text' in frame.sealed) {
      assert.equal(opened.text, frame.sealed.text, where + ': opened');
      sealedAgain = await sealers[frame.from].sealText(frame.sealed.text);
      out.push({ from: frame.from, text: opened.text });
    } else {
      assert.equal(opened.kind, CHUNK, where + ': a chunk');
      assert.equal(toHex(opened.body), frame.sealed.binary, where + ': opened');
      sealedAgain = await sealers[frame.from].seal(CHUNK, fromHex(frame.sealed.binary));
      out.push({ from: frame.from, binary: opened.body });
    }
    assert.equal(toHex(sealedAgain), frame.wire, where + ': sealed again');
  }
  return out;
}

/** What a sender of the vector's tree sends after the handshake, and the receiver's answers. */
async function expectedTransfer(test) {
  const files = test.tree.filter((entry) => entry.kind === 'file');
  const entries = test.tree.map((entry) => entry.kind === 'dir' ? { path: entry.path, kind: 'dir' }
    : { path: entry.path, kind: 'file', size: entry.hex.length / 2 });
  const out = [
    { from: 'sender', message: { type: 'manifest', entries, more: false } },
    { from: 'receiver', message: { type: 'accept' } },
  ];
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    const content = fromHex(file.hex);
    out.push({ from: 'sender', message: { type: 'file_begin', index, path: file.path, size: content.length } });
    const sender = new HashChain();
    const payloads = [];
    for (let at = 0; at < content.length; at += MAX_PAYLOAD_BYTES) {
      const payload = content.subarray(at, at + MAX_PAYLOAD_BYTES);
      payloads.push(payload);
      const seq = sender.nextSeq;
      out.push({ from: 'sender', binary: encodeChunk(seq, await sender.next(payload), payload) });
    }
    assert.deepEqual(sender.value, await digest(payloads));
    out.push({ from: 'sender', message: {
      type: 'file_end', index, chunks: payloads.length, size: content.length, digest: toHex(sender.value),
    } });
    bytes += content.length;
  }
  out.push({ from: 'sender', message: { type: 'end', files: files.length, bytes } });
  out.push({ from: 'receiver', message: { type: 'ack', files: files.length, bytes } });
  return out;
}

/** The receiver's checks of §4.2-4.5 over the plaintexts, rebuilding the tree it would write. */
async function receive(frames) {
  const tree = [];
  let manifest = [];
  let file = null;
  const written = { files: 0, bytes: 0 };
  for (const frame of frames.filter((f) => f.from === 'sender')) {
    if ('binary' in frame) {
      assert.notEqual(file, null, 'a chunk outside a file');
      const chunk = decodeChunk(frame.binary);
      await file.chain.check(chunk);
      file.parts.push(chunk.payload);
      file.received += chunk.payload.length;
      assert.ok(file.received <= file.size, 'more bytes than announced');
      continue;
    }
    const message = decode(frame.text);
    switch (message.type) {
      case 'manifest':
        message.entries.forEach((entry) => checkPath(entry.path));
        manifest = manifest.concat(message.entries);
        if (!message.more) {
          manifest.filter((entry) => entry.kind === 'dir').forEach((entry) => tree.push({ path: entry.path, kind: 'dir' }));
        }
        break;
      case 'file_begin': {
        const entry = manifest.filter((e) => e.kind === 'file')[message.index];
        assert.deepEqual([message.path, message.size], [entry.path, entry.size], 'file_begin as in the manifest');
        file = { ...message, chain: new HashChain(), parts: [], received: 0 };
        break;
      }
      case 'file_end':
        assert.deepEqual([message.index, message.chunks, message.size, message.digest],
          [file.index, file.parts.length, file.received, toHex(file.chain.value)], 'file_end');
        tree.push({ path: file.path, kind: 'file', hex: file.parts.map(toHex).join('') });
        written.files += 1;
        written.bytes += file.received;
        file = null;
        break;
      case 'end':
        assert.deepEqual({ files: message.files, bytes: message.bytes }, written, 'end');
        break;
      default:
        assert.fail('unexpected ' + message.type);
    }
  }
  return tree;
}

function byPath(entries) {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

describe('transfer.json', () => {
  for (const test of tests('transfer.json')) {
    it(name(test), async () => {
      const relay = test.frames.filter((frame) => frame.from === 'relay');
      assert.deepEqual(relay.map((frame) => [frame.to, JSON.parse(frame.text)]),
        [['sender', { relay: 'paired' }], ['receiver', { relay: 'paired' }]], "the relay's paired signals");
      const peerFrames = test.frames.filter((frame) => frame.from !== 'relay');

      const keys = await handshake(test, peerFrames);
      const transfer = await plaintexts(test, peerFrames.slice(4), keys);

      const expected = await expectedTransfer(test);
      assert.equal(transfer.length, expected.length, 'the number of frames after the handshake');
      for (const [i, frame] of transfer.entries()) {
        const want = expected[i];
        assert.equal(frame.from, want.from, 'frame ' + i + ' from');
        if ('message' in want) {
          assert.ok('text' in frame, 'frame ' + i + ' is a control message');
          assert.deepEqual(decode(frame.text), want.message, 'frame ' + i);
          // The vector's texts are compact JSON in the order of the protocol's tables, as encode writes.
          assert.equal(encode(want.message), frame.text, 'frame ' + i + ' as encode writes it');
        } else {
          assert.ok('binary' in frame, 'frame ' + i + ' is a chunk');
          assert.equal(toHex(frame.binary), toHex(want.binary), 'frame ' + i);
        }
      }
      assert.deepEqual(byPath(await receive(transfer)), byPath(test.tree), 'the tree the receiver writes');
    });
  }
});
