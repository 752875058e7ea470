// docs/vectors/transfer.json replayed against the JS Sender and Receiver, as the Java client's
// TransferVectorTest: with the vector's SPAKE2 secret, the sender given the vector's tree must send
// the vector's sender frames, and the receiver given those must answer with the vector's receiver
// frames and write the tree. Text frames compare as JSON objects without hello.software; sealed
// frames compare by their plaintexts, opened with the vector's keys. The relay's own frames are
// read by relay.js before the transfer starts, so they are not part of the script.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sender } from '../src/transfer/sender.js';
import { Receiver } from '../src/transfer/receiver.js';
import { CHUNK } from '../src/protocol/sealed.js';
import { openerFor } from '../src/protocol/keyexchange.js';
import { fromHex } from '../src/protocol/bytes.js';
import { ScriptedChannel } from './scripted-channel.js';
import { MemorySink, byPath, hexOf, memorySource } from './memory.js';
import { name, tests } from './vectors.js';

const OTHER = { sender: 'receiver', receiver: 'sender' };

/** The peers' frames of the vector: {from, wire: what travels, plain: what it carries}. */
function framesOf(test) {
  return test.frames.filter((frame) => frame.from !== 'relay').map((frame) => {
    const plain = (f) => ('text' in f ? { text: f.text } : { binary: fromHex(f.binary) });
    return 'sealed' in frame
      ? { from: frame.from, wire: { binary: fromHex(frame.wire) }, plain: plain(frame.sealed) }
      : { from: frame.from, wire: plain(frame), plain: plain(frame) };
  });
}

/** Plays the other side of `self`: each of its frames follows the frames of `self` before it. */
function peerOf(self, frames) {
  const channel = new ScriptedChannel();
  let own = 0;
  for (const frame of frames) {
    if (frame.from === self) {
      own++;
    } else {
      channel.whenSent(own, frame.wire);
    }
  }
  return channel;
}

/** A frame in a form to compare: text as a JSON object without hello.software, binary as hex. */
function comparable(frame) {
  if ('binary' in frame) {
    return { binary: hexOf(frame.binary) };
  }
  const message = JSON.parse(frame.text);
  if (message.type === 'hello') {
    delete message.software;
  }
  return { text: message };
}

/** What `side` sent, as plaintexts: the handshake's two text frames as they are, the rest opened when sealed. */
async function opened(side, test, sent) {
  if (!test.encrypt) {
    return sent.map(comparable);
  }
  const keys = { keyS2R: fromHex(test.keyS2R), keyR2S: fromHex(test.keyR2S) };
  const opener = await openerFor(OTHER[side], keys); // opens what `side` sealed
  const out = sent.slice(0, 2).map(comparable); // hello, confirm
  for (const frame of sent.slice(2)) {
    assert.ok('binary' in frame, 'a frame in clear after the handshake of an encrypted transfer');
    const plain = await opener.open(frame.binary);
    out.push(comparable(plain.kind === CHUNK ? { binary: plain.body } : { text: plain.text }));
  }
  return out;
}

function expected(side, frames) {
  return frames.filter((frame) => frame.from === side).map((frame) => comparable(frame.plain));
}

function treeOf(test) {
  return test.tree.map((entry) => entry.kind === 'dir' ? { path: entry.path, kind: 'dir' }
    : { path: entry.path, kind: 'file', bytes: fromHex(entry.hex) });
}

describe('transfer.json replayed against the JS sender and receiver', () => {
  for (const test of tests('transfer.json')) {
    it('sender, ' + name(test), async () => {
      const frames = framesOf(test);
      const channel = peerOf('sender', frames);
      const summary = await new Sender(channel, test.code, memorySource(treeOf(test)),
        { encrypt: test.encrypt, secret: test.senderSecret }).run();
      assert.deepEqual(await opened('sender', test, channel.sent), expected('sender', frames));
      assert.equal(summary.encrypted, test.encrypt);
      assert.equal(channel.closed, true);
    });

    it('receiver, ' + name(test), async () => {
      const frames = framesOf(test);
      const channel = peerOf('receiver', frames);
      const sink = new MemorySink();
      let offer = null;
      await new Receiver(channel, test.code, { secret: test.receiverSecret, onOffer: async (seen) => {
        offer = seen;
        return sink;
      } }).run();
      assert.deepEqual(await opened('receiver', test, channel.sent), expected('receiver', frames));
      assert.deepEqual(sink.snapshot(), byPath(test.tree));
      assert.deepEqual(offer.entries.map((entry) => entry.path), test.tree.map((entry) => entry.path));
      assert.equal(offer.encrypted, test.encrypt);
    });
  }
});
