// The JS sender facing a receiver that resumes (docs/protocol.md §4.8): the receiver here is the
// page's own Conversation driven by hand, so that it can list any held data in `accept`, valid or
// not, and record exactly what the sender then sends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sender } from '../src/transfer/sender.js';
import { Conversation } from '../src/transfer/conversation.js';
import { ENCRYPTION } from '../src/protocol/codec.js';
import { HashChain, decodeChunk } from '../src/protocol/chain.js';
import { TransferError } from '../src/protocol/errors.js';
import { concat, toHex } from '../src/protocol/bytes.js';
import { chainAfter, listHeld } from '../src/transfer/resume.js';
import { Link } from './link.js';
import { hexOf, memorySource } from './memory.js';
import { noise } from './texts.js';

const CODE = '7-crayon-orbit';
const MIB = 1048576;

const A = noise(2 * MIB + MIB / 2, 1);
const B = new TextEncoder().encode('hello, world\n');
const C = noise(MIB + MIB / 2, 3);
const D = noise(1000, 4);
const FILES = [A, B, C, D];
const TREE = [
  { path: 'p', kind: 'dir' },
  { path: 'p/a.bin', kind: 'file', bytes: A },
  { path: 'p/b.txt', kind: 'file', bytes: B },
  { path: 'p/c.bin', kind: 'file', bytes: C },
  { path: 'p/d.bin', kind: 'file', bytes: D },
];
const TOTAL = A.length + B.length + C.length + D.length;
const readerOf = (bytes) => async (offset, length) => bytes.slice(offset, offset + length);

/**
 * What the receiver holds, by file index: two whole chunks of a.bin, all of b.txt, and one chunk
 * of c.bin that is not the sender's (the file changed on one side since); nothing of d.bin.
 */
const HELD = new Map([[0, A.slice(0, 2 * MIB)], [1, B], [2, noise(MIB, 99)]]);

async function listOf(held) {
  const list = [];
  for (const [index, bytes] of held) {
    list.push(await listHeld(index, bytes.length, readerOf(bytes)));
  }
  return list;
}

/**
 * The receiver: lists `resume` in accept, then takes each file as {begin, chunks: [seq], end,
 * bytes: held bytes and received ones}, checking every chunk's chain from where the held data
 * leaves it, and acknowledges. Returns the files, or the TransferError it stopped with.
 */
async function resumingReceiver(channel, resume) {
  const conversation = new Conversation(channel, CODE, 'receiver');
  try {
    await conversation.handshake([ENCRYPTION]);
    await conversation.expect('manifest');
    await conversation.send({ type: 'accept', resume });
    const files = [];
    for (;;) {
      const begin = await conversation.receiveMessage();
      if (begin.type === 'end') {
        await conversation.send({ type: 'ack', files: begin.files, bytes: begin.bytes });
        return files;
      }
      const offset = begin.offset ?? 0;
      const kept = (HELD.get(begin.index) ?? new Uint8Array(0)).slice(0, offset);
      const chain = offset === 0 ? new HashChain() : await chainAfter(readerOf(kept), offset);
      const file = { begin, chunks: [], parts: [kept] };
      for (;;) {
        const next = await conversation.receive();
        if (!(next instanceof Uint8Array)) {
          assert.equal(next.digest, toHex(chain.value), 'the digest of the whole file');
          assert.equal(next.chunks, Number(chain.nextSeq), 'file_end counts the chunks of the whole file');
          file.end = next;
          break;
        }
        const chunk = decodeChunk(next);
        await chain.check(chunk);
        file.chunks.push(Number(chunk.seq));
        file.parts.push(Uint8Array.from(chunk.payload));
      }
      files.push({ ...file, bytes: concat(...file.parts) });
    }
  } catch (e) {
    return e;
  } finally {
    await channel.close();
  }
}

/** Runs the sender against the resuming receiver; returns both outcomes and what the sender reported. */
async function transfer(resume) {
  const link = new Link();
  const reported = { status: [], warning: [], started: null, progress: [] };
  const sender = new Sender(link.sender, CODE, memorySource(TREE), { listener: {
    status: (m) => reported.status.push(m),
    warning: (m) => reported.warning.push(m),
    started: (...args) => { reported.started = args; },
    progress: (done, total) => reported.progress.push([done, total]),
  } });
  const [sent, received] = await Promise.all([sender.run().catch((e) => e), resumingReceiver(link.receiver, resume)]);
  return { sent, received, reported };
}

describe('a sender facing a resuming receiver', () => {
  it('continues a held file, skips a complete one, restarts a changed one and sends an unlisted one whole',
    async () => {
      const { sent, received, reported } = await transfer(await listOf(HELD));
      assert.ok(!(sent instanceof Error), 'sender: ' + sent.message);
      assert.ok(!(received instanceof Error), 'receiver: ' + received.message);
      assert.deepEqual(received.map((file) => [file.begin.path, file.begin.offset, file.chunks]), [
        ['p/a.bin', 2 * MIB, [2]],
        ['p/b.txt', B.length, []],
        ['p/c.bin', undefined, [0, 1]],
        ['p/d.bin', undefined, [0]],
      ]);
      assert.deepEqual(received.map((file) => [file.end.size, hexOf(file.bytes)]),
        FILES.map((bytes) => [bytes.length, hexOf(bytes)]), 'every file whole, held bytes and sent ones');
      assert.ok(reported.status.some((m) => /p\/a\.bin: the receiver holds 2097152 of its 2621440 bytes/.test(m)),
        reported.status.join('\n'));
      assert.ok(reported.status.some((m) => /p\/b\.txt is complete/.test(m)), reported.status.join('\n'));
      assert.deepEqual(reported.warning.filter((m) => /resum|differs/.test(m)),
        ['p/c.bin differs from what the receiver holds of it: sent again from the start']);
      // The held bytes count as done from the start, and are told apart for the rate.
      const held = 2 * MIB + B.length;
      assert.deepEqual(reported.started, [4, 1, TOTAL, held]);
      assert.deepEqual(reported.progress[0], [held, TOTAL]);
      assert.deepEqual(reported.progress.at(-1), [TOTAL, TOTAL]);
      assert.equal(reported.progress.length, 1 + 4, 'the held bytes, then one call a chunk sent');
    });

  it('without resume in accept every file is sent whole, with no offset', async () => {
    const { sent, received } = await transfer(undefined);
    assert.ok(!(sent instanceof Error), 'sender: ' + sent.message);
    assert.deepEqual(received.map((file) => [file.begin.offset, file.chunks.length]),
      [[undefined, 3], [undefined, 1], [undefined, 2], [undefined, 1]]);
  });

  for (const [what, list, why] of [
    ['an index beyond the manifest', async () => [{ index: 4, size: 0, chain: '00'.repeat(32) }],
      /not in the manifest/],
    ['indexes out of order', async () => (await listOf(HELD)).reverse(), /out of order/],
    ['a size neither whole chunks nor the file\'s', async () => [await listHeld(0, 1000, readerOf(A))],
      /neither whole chunks nor the size of the file/],
  ]) {
    it('refuses a resume list with ' + what + ' as a protocol error', async () => {
      const { sent, received } = await transfer(await list());
      assert.ok(sent instanceof TransferError, 'the sender succeeded');
      assert.equal(sent.code, 'protocol');
      assert.match(sent.message, why);
      assert.ok(received instanceof TransferError && received.code === 'protocol' && received.byPeer,
        'the receiver heard why: ' + received.message);
    });
  }
});
