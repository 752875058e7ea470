// sealed-channel.js: frames out sealed, frames in opened, and integrity for anything else (§7.3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SealedChannel } from '../src/transport/sealed-channel.js';
import { ProtocolError, TransferError } from '../src/protocol/errors.js';
import { encodeChunk, ZERO_CHAIN } from '../src/protocol/chain.js';
import { wireBytes } from '../src/protocol/sealed.js';
import { Link } from './link.js';

const KEYS = { keyS2R: new Uint8Array(32).fill(1), keyR2S: new Uint8Array(32).fill(2) };
const isIntegrity = (e) => e instanceof ProtocolError && e.code === 'integrity' && /nothing unverified was kept/.test(e.message);

async function sealedPair(options) {
  const link = new Link(options);
  const sender = await SealedChannel.create(link.sender, 'sender', KEYS);
  const receiver = await SealedChannel.create(link.receiver, 'receiver', KEYS);
  return { link, sender, receiver };
}

describe('SealedChannel', () => {
  it('sends text and chunks as sealed binary frames, in the order of the calls, and opens them', async () => {
    const { link, sender, receiver } = await sealedPair();
    const chunk = encodeChunk(0, ZERO_CHAIN, new Uint8Array(40000).fill(7));
    // Not awaited one by one: the order must hold all the same.
    await Promise.all([sender.sendText('{"type":"accept"}'), sender.sendBinary(chunk), sender.sendText('{"type":"end"}')]);
    assert.deepEqual(link.recorded.map((frame) => 'binary' in frame), [true, true, true], 'only binary frames');
    assert.equal(link.recorded[1].bytes.length, wireBytes(chunk.length));
    assert.deepEqual(await receiver.receive(), { text: '{"type":"accept"}' });
    assert.deepEqual(await receiver.receive(), { binary: chunk });
    assert.deepEqual(await receiver.poll(), { text: '{"type":"end"}' });
    assert.equal(await receiver.poll(), null);

    await receiver.sendText('{"type":"ack"}'); // the other direction, its own key and counter
    assert.deepEqual(await sender.receive(), { text: '{"type":"ack"}' });
  });

  it('refuses a frame in clear with integrity, and every frame after it', async () => {
    const { link, sender, receiver } = await sealedPair();
    link.receiver.inbox.push({ text: '{"type":"accept"}' });
    await sender.sendText('{"type":"accept"}');
    await assert.rejects(receiver.receive(), isIntegrity);
    await assert.rejects(receiver.receive(), (e) => e instanceof ProtocolError && e.code === 'integrity');
  });

  it('refuses an altered frame with integrity', async () => {
    const { sender, receiver } = await sealedPair({
      toReceiver: (frame) => {
        frame.binary[frame.binary.length >> 1] ^= 1;
        return frame;
      },
    });
    await sender.sendBinary(encodeChunk(0, ZERO_CHAIN, new Uint8Array(100)));
    await assert.rejects(receiver.receive(), isIntegrity);
  });

  it('refuses a dropped frame: the next one does not open with its counter', async () => {
    let count = 0;
    const { sender, receiver } = await sealedPair({ toReceiver: (frame) => (count++ === 0 ? null : frame) });
    await sender.sendText('{"type":"accept"}');
    await sender.sendText('{"type":"accept"}');
    await assert.rejects(receiver.receive(), isIntegrity);
  });

  it('passes the end of the connection on', async () => {
    const { link, receiver } = await sealedPair();
    await link.sender.close();
    await assert.rejects(receiver.receive(), (e) => e instanceof TransferError && e.closeCode === 4002);
    await assert.rejects(receiver.poll(), (e) => e instanceof TransferError && e.closeCode === 4002);
  });
});
