// docs/vectors/sealed.json: sealed frames (docs/protocol.md §7.3), sealed with a Sealer and opened
// with an Opener, which must stop with `integrity` on every invalid case and stay closed after it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHUNK, CONTROL, MAX_WIRE_BYTES, PIECE_BYTES, createOpener, createSealer, recordAad, recordNonce, records, wireBytes,
} from '../src/protocol/sealed.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { concat, decodeUtf8, toHex } from '../src/protocol/bytes.js';
import { bytes, hex, name, tests } from './vectors.js';

const FILE = 'sealed.json';
const isIntegrity = (e) => e instanceof ProtocolError && e.code === 'integrity';

/** A sealed frame and what its receiver opens it with. */
function frameOf(test, wire) {
  return { wire, key: hex(test.key), tag: hex(test.tag), counter: BigInt(test.counter) };
}

async function seal(test) {
  const sealer = await createSealer(hex(test.key), hex(test.tag), BigInt(test.counter));
  const wire = await sealer.seal(test.kind, bytes(test.body));
  return { wire, sealer };
}

async function sha256Hex(data) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
}

/**
 * Sealing gives the vector's frame of `records` records; it opens to kind || body, both ends move
 * on to nextCounter, and a control message comes out as its text.
 */
async function checkValid(test) {
  const body = bytes(test.body);
  const { wire, sealer } = await seal(test);
  if ('wire' in test) {
    assert.equal(toHex(wire), test.wire, 'wire');
  } else {
    assert.equal(wire.length, test.wireLength, 'wireLength');
    assert.equal(await sha256Hex(wire), test.wireSha256, 'wireSha256');
  }
  assert.equal(wireBytes(body.length), wire.length, 'wireBytes');
  const nextCounter = BigInt(test.nextCounter);
  assert.equal(BigInt(test.records), nextCounter - BigInt(test.counter), 'records = nextCounter - counter');
  assert.equal(records(1 + body.length), test.records, 'records');
  assert.equal(sealer.nextCounter, nextCounter, "the sealing side's next counter");

  const frame = frameOf(test, wire);
  const opener = await createOpener(frame.key, frame.tag, frame.counter);
  const opened = await opener.open(wire);
  assert.equal(opened.kind, test.kind, 'kind');
  assert.ok(Buffer.from(opened.body).equals(Buffer.from(body)), 'body');
  assert.equal(opener.nextCounter, nextCounter, "the opening side's next counter");
  if (test.kind === CONTROL) {
    assert.equal(opened.text, decodeUtf8(body), 'a control message');
  } else {
    assert.equal(opened.kind, CHUNK);
    assert.equal(opened.text, undefined);
  }
}

/** The frame cut as it was sealed: records of 16400 bytes with their tags, the last one the rest. */
function piecesOf(wire) {
  const pieces = [];
  for (let start = 0; start < wire.length; start += PIECE_BYTES) {
    pieces.push(wire.slice(start, Math.min(wire.length, start + PIECE_BYTES)));
  }
  return pieces;
}

/** The mutations of docs/vectors/README.md: change the wire, or open the unchanged wire with another counter, tag or key. */
function mutate(frame, mutation) {
  const names = Object.keys(mutation);
  assert.equal(names.length, 1, 'one mutation');
  const [kind] = names;
  const value = mutation[kind];
  switch (kind) {
    case 'flipByte': {
      const wire = frame.wire.slice();
      wire[value] ^= 0x01;
      return { ...frame, wire };
    }
    case 'truncate':
      return { ...frame, wire: frame.wire.slice(0, value) };
    case 'swapRecords': {
      const pieces = piecesOf(frame.wire);
      [pieces[value[0]], pieces[value[1]]] = [pieces[value[1]], pieces[value[0]]];
      return { ...frame, wire: concat(...pieces) };
    }
    case 'dropRecord': {
      const pieces = piecesOf(frame.wire);
      pieces.splice(value, 1);
      return { ...frame, wire: concat(...pieces) };
    }
    case 'appendBytes':
      return { ...frame, wire: concat(frame.wire, hex(value)) };
    case 'openCounter':
      return { ...frame, counter: BigInt(value) };
    case 'openTag':
      return { ...frame, tag: hex(value) };
    case 'openKey':
      return { ...frame, key: hex(value) };
    default:
      return assert.fail('unknown mutation ' + JSON.stringify(mutation));
  }
}

/** The receiver stops with integrity, and stays stopped: even a good frame does not open after it. */
async function assertStopsWithIntegrity(frame, goodWire) {
  const opener = await createOpener(frame.key, frame.tag, frame.counter);
  await assert.rejects(opener.open(frame.wire), isIntegrity, 'the receiver stops with integrity');
  assert.equal(opener.closed, true, 'the direction is closed');
  if (goodWire !== undefined) {
    await assert.rejects(opener.open(goodWire), isIntegrity, 'a frame after a failure');
  }
}

/** The base case's frame, changed by the mutation, fails to open. */
async function checkTampered(test, base) {
  const { wire } = await seal(base);
  await assertStopsWithIntegrity(mutate(frameOf(base, wire), test.mutation), wire);
}

/**
 * The frame is authentic and opens to `plaintext`, which the receiver must refuse: empty, of an
 * unknown kind, or a control message that is not UTF-8.
 */
async function checkRefusedPlaintext(test) {
  const frame = frameOf(test, hex(test.wire));
  // The frame is one record; opened on its own it authenticates and gives the plaintext.
  const key = await crypto.subtle.importKey('raw', frame.key, 'AES-GCM', false, ['decrypt']);
  const record = await crypto.subtle.decrypt({
    name: 'AES-GCM', iv: recordNonce(frame.tag, frame.counter), additionalData: recordAad(frame.counter, true),
  }, key, frame.wire);
  assert.equal(toHex(new Uint8Array(record)), test.plaintext, "the record's plaintext");
  await assertStopsWithIntegrity(frame);
}

describe(FILE, () => {
  const vectors = tests(FILE);
  const byTcId = new Map(vectors.map((test) => [test.tcId, test]));
  for (const test of vectors) {
    it(name(test), async () => {
      if (test.result === 'valid') {
        await checkValid(test);
      } else if ('base' in test) {
        await checkTampered(test, byTcId.get(test.base));
      } else {
        await checkRefusedPlaintext(test);
      }
    });
  }
});

describe('sealed frames beyond sealed.json', () => {
  const key = hex('86d8fe1d6df5ac35631667711f00f2068ee9ba7bed4adb9bc6a8236350f404fb');
  const tag = hex('00000001');

  it('continues the counter across frames, in both ends', async () => {
    const sealer = await createSealer(key, tag);
    const opener = await createOpener(key, tag);
    const frames = await Promise.all([
      sealer.sealText('{"type":"accept"}'),
      sealer.seal(CHUNK, new Uint8Array(20000).fill(7)),
      sealer.sealText('{"type":"end","files":1,"bytes":20000}'),
    ]);
    assert.equal(sealer.nextCounter, 4n);
    const opened = await Promise.all(frames.map((frame) => opener.open(frame)));
    assert.deepEqual(opened.map((o) => o.kind), [CONTROL, CHUNK, CONTROL]);
    assert.equal(opened[2].text, '{"type":"end","files":1,"bytes":20000}');
    assert.equal(opener.nextCounter, 4n);
    assert.equal(MAX_WIRE_BYTES, 1049657);
  });

  it('refuses a text frame once frames are sealed, and a frame replayed', async () => {
    const sealer = await createSealer(key, tag);
    const frame = await sealer.sealText('{"type":"accept"}');
    const clear = await createOpener(key, tag);
    await assert.rejects(clear.open('{"type":"accept"}'), isIntegrity);
    const replay = await createOpener(key, tag);
    await replay.open(frame);
    await assert.rejects(replay.open(frame), isIntegrity);
  });

  it('accepts the ArrayBuffer a WebSocket delivers', async () => {
    const sealer = await createSealer(key, tag);
    const frame = await sealer.sealText('{"type":"accept"}');
    const opener = await createOpener(key, tag);
    assert.equal((await opener.open(frame.slice().buffer)).text, '{"type":"accept"}');
  });

  it('refuses to seal what no frame may carry', async () => {
    const sealer = await createSealer(key, tag);
    await assert.rejects(sealer.seal(3, new Uint8Array(1)), RangeError);
    await assert.rejects(sealer.seal(CONTROL, new Uint8Array(1048577)), RangeError);
    await assert.rejects(sealer.seal(CHUNK, new Uint8Array(1048617)), RangeError);
    assert.equal(sealer.nextCounter, 0n, 'no counter used');
  });

  it('never uses a counter past 2^64-1', async () => {
    const last = (1n << 64n) - 1n;
    const sealer = await createSealer(key, tag, last);
    const frame = await sealer.sealText('{"type":"accept"}');
    await assert.rejects(sealer.sealText('{"type":"accept"}'), /exhausted/);
    const opener = await createOpener(key, tag, last);
    assert.equal((await opener.open(frame)).text, '{"type":"accept"}');
    await assert.rejects(opener.open(frame), isIntegrity);
  });
});
