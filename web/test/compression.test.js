// Compressed chunks (docs/protocol.md §3.3) in the page: docs/vectors/compressed.json, the frame
// measure (frame.js) against frames the library makes, the decoder's refusals of hostile frames
// before it decodes anything, the encoder's modes as the Java client's, and loading the library.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { HashChain, MAX_PAYLOAD_BYTES, decodeChunk, requireUncompressed } from '../src/protocol/chain.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { ChunkDecoder } from '../src/compression/decoder.js';
import { ChunkEncoder, COMPRESSION_MODES } from '../src/compression/encoder.js';
import { measureFrame } from '../src/compression/frame.js';
import { loadZstd } from '../src/compression/zstd.js';
import { fromHex } from '../src/protocol/bytes.js';
import { name, tests } from './vectors.js';
import { hexOf } from './memory.js';
import { noise, textLike } from './texts.js';

let zstd;
before(async () => {
  zstd = await loadZstd();
  assert.ok(zstd !== null, 'the library loads in Node');
});

/** The library, counting its calls. */
function counting() {
  const calls = { compress: 0, decompress: 0 };
  return {
    calls,
    compress: (b) => { calls.compress++; return zstd.compress(b); },
    decompress: (b) => { calls.decompress++; return zstd.decompress(b); },
  };
}

const concatAll = (...parts) => Uint8Array.from(parts.flatMap((p) => [...p]));
const integrity = (e) => e instanceof ProtocolError && e.code === 'integrity';

describe('compressed.json', () => {
  for (const test of tests('compressed.json')) {
    it(name(test), async () => {
      const chunk = decodeChunk(fromHex(test.frame));
      assert.ok(chunk.compressed, 'bit 63 set in every vector');
      let result;
      let decoded = null;
      try {
        if (!test.negotiated) {
          requireUncompressed(chunk, 'a.txt');
        }
        decoded = new ChunkDecoder(zstd).decode(chunk.payload, test.remaining);
        const hash = new HashChain(fromHex(test.prevChain), BigInt(test.expectedSeq));
        const ok = chunk.seq === BigInt(test.expectedSeq)
          && await hash.accepts({ seq: chunk.seq, chain: chunk.chain, payload: decoded });
        result = ok ? 'valid' : 'integrity';
      } catch (e) {
        assert.ok(e instanceof ProtocolError, String(e));
        result = e.code;
      }
      assert.equal(result, test.result);
      if (test.result === 'valid') {
        assert.equal(chunk.seq, BigInt(test.seq));
        assert.equal(hexOf(chunk.chain), test.chain);
        assert.equal(hexOf(decoded), test.payload);
      }
    });
  }
});

describe('measureFrame', () => {
  // Sizes at the edges of the content size's encodings (1, 2 with +256, 4 bytes), raw, RLE and
  // compressed blocks, and the largest chunk.
  const inputs = [
    ['1 byte', textLike(1)], ['255 bytes', textLike(255)], ['256 bytes', textLike(256)],
    ['65791 bytes', textLike(65791)], ['65792 bytes', textLike(65792)], ['text, 1 MiB', textLike(MAX_PAYLOAD_BYTES)],
    ['noise, 300 KiB (raw blocks)', noise(300 * 1024, 3)], ['zeros, 1 MiB (RLE blocks)', new Uint8Array(MAX_PAYLOAD_BYTES)],
  ];
  for (const [what, input] of inputs) {
    it('finds the end and the declared size of a frame of ' + what, () => {
      const frame = zstd.compress(input);
      assert.deepEqual(measureFrame(frame), { length: frame.length, contentSize: BigInt(input.length) });
      const two = concatAll(frame, zstd.compress(textLike(10)));
      assert.equal(measureFrame(two).length, frame.length, 'only the first of two frames');
      assert.throws(() => measureFrame(frame.subarray(0, frame.length - 1)), RangeError, 'a frame cut short');
    });
  }

  it('the cases have raw and RLE blocks, so that each block rule is exercised', () => {
    const firstBlockType = (input) => {
      const frame = zstd.compress(input);
      assert.equal(frame[4], 0x60, 'a 2-byte content size, single segment: the first block at byte 7');
      return (frame[7] >> 1) & 3;
    };
    assert.equal(firstBlockType(noise(60_000, 3)), 0, 'raw');
    assert.equal(firstBlockType(textLike(60_000)), 2, 'compressed');
    // zstd never makes a frame's first block RLE; the second block of 1 MiB of zeros is one.
    const zeros = zstd.compress(new Uint8Array(MAX_PAYLOAD_BYTES));
    assert.equal(zeros[4], 0x80, 'a window descriptor and a 4-byte content size: the first block at byte 10');
    const first = zeros[10] | (zeros[11] << 8) | (zeros[12] << 16);
    assert.equal((zeros[13 + (first >>> 3)] >> 1) & 3, 1, 'RLE');
  });

  it('refuses a skippable frame, another magic number, a reserved bit and a reserved block type', () => {
    const frame = zstd.compress(textLike(5000));
    assert.throws(() => measureFrame(Uint8Array.of(0x50, 0x2a, 0x4d, 0x18, 1, 0, 0, 0, 9)), RangeError);
    assert.throws(() => measureFrame(new TextEncoder().encode('plain text, not zstd')), RangeError);
    const reservedBit = Uint8Array.from(frame);
    reservedBit[4] |= 0x08;
    assert.throws(() => measureFrame(reservedBit), /reserved bit/);
    const reservedType = Uint8Array.from(frame);
    reservedType[7] |= 0x06; // the first block header's type, after a 7-byte frame header
    assert.throws(() => measureFrame(reservedType), /reserved type/);
    assert.throws(() => measureFrame(new Uint8Array(3)), RangeError);
  });
});

describe('ChunkDecoder', () => {
  const text = textLike(200_000);
  function refusedBeforeDecoding(payload, remaining, message) {
    const library = counting();
    assert.throws(() => new ChunkDecoder(library).decode(payload, remaining),
      (e) => integrity(e) && message.test(e.message));
    assert.equal(library.calls.decompress, 0, 'nothing was decoded');
  }

  it('decodes a frame of the library to the bytes it was made of', () => {
    assert.equal(hexOf(new ChunkDecoder(zstd).decode(zstd.compress(text), text.length)), hexOf(text));
  });

  it('refuses a frame that declares 1 MiB + 1 bytes without allocating it', () => {
    refusedBeforeDecoding(zstd.compress(textLike(MAX_PAYLOAD_BYTES + 1)), 4 * MAX_PAYLOAD_BYTES, /declares 1048577/);
  });

  it('refuses two frames, and a frame followed by an empty or a skippable frame', () => {
    const one = zstd.compress(text);
    refusedBeforeDecoding(concatAll(one, zstd.compress(textLike(100))), 1e9, /not exactly one/);
    const empty = zstd.compress(new Uint8Array(0));
    assert.equal(measureFrame(empty).contentSize, 0n, 'an empty frame declares 0 bytes');
    refusedBeforeDecoding(concatAll(one, empty), 1e9, /not exactly one/);
    refusedBeforeDecoding(concatAll(one, Uint8Array.of(0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 7, 7)), 1e9,
      /not exactly one/);
  });

  it('refuses an empty frame, a frame larger than what remains, and garbage', () => {
    refusedBeforeDecoding(zstd.compress(new Uint8Array(0)), 10, /declares 0 bytes/);
    refusedBeforeDecoding(zstd.compress(text), text.length - 1, /more than the 199999 left/);
    refusedBeforeDecoding(new TextEncoder().encode('hello, not a frame'), 100, /not a zstd frame/);
  });

  it('refuses a frame whose declared size is not what it decodes to', () => {
    const small = textLike(3000); // a 2-byte content size: 3000 - 256 at bytes 5 and 6
    const frame = zstd.compress(small);
    assert.equal(frame[4] >> 6, 1);
    for (const declared of [2999, 3001]) {
      const lying = Uint8Array.from(frame);
      new DataView(lying.buffer).setUint16(5, declared - 256, true);
      assert.throws(() => new ChunkDecoder(zstd).decode(lying, 1e6), integrity, 'declares ' + declared);
    }
  });
});

describe('ChunkEncoder', () => {
  const text = textLike(MAX_PAYLOAD_BYTES);
  const random = noise(MAX_PAYLOAD_BYTES, 9);

  it("knows the three modes of `send --compress` and makes none for 'off'", () => {
    assert.deepEqual(COMPRESSION_MODES, ['auto', 'on', 'off']);
    assert.throws(() => new ChunkEncoder(zstd, 'off'), RangeError);
  });

  it('sends a frame only when it is smaller than the chunk', () => {
    const encoder = new ChunkEncoder(zstd, 'on');
    const frame = encoder.encode(text);
    assert.ok(frame.length < text.length / 5, 'text shrinks: ' + frame.length);
    assert.equal(hexOf(zstd.decompress(frame)), hexOf(text));
    assert.equal(encoder.encode(random), null, 'noise goes raw');
    assert.equal(encoder.encode(Uint8Array.of(7)), null, 'one byte goes raw');
  });

  it("'on' tries every chunk, even after a file's first one did not shrink", () => {
    const library = counting();
    const encoder = new ChunkEncoder(library, 'on');
    encoder.startFile();
    assert.equal(encoder.encode(random), null);
    assert.ok(encoder.encode(text) !== null);
    assert.equal(library.calls.compress, 2);
  });

  it("'auto' stops trying a file whose first chunk did not shrink to 90 %, and judges each file anew", () => {
    const library = counting();
    const encoder = new ChunkEncoder(library, 'auto');
    encoder.startFile();
    assert.equal(encoder.encode(random), null);
    assert.equal(encoder.encode(text), null, 'not tried');
    assert.equal(library.calls.compress, 1);
    encoder.startFile();
    assert.ok(encoder.encode(text) !== null);
    assert.ok(encoder.encode(random) === null && encoder.encode(text) !== null, 'still tried');
    assert.equal(library.calls.compress, 4);
  });

  it("'auto' at the edge: a first chunk that shrank to just over 90 % stops it, to 90 % or less does not", () => {
    // Half text, half noise shrinks to about half; mostly noise to just under the raw size.
    const mixed = (textShare) => {
      const bytes = noise(MAX_PAYLOAD_BYTES, 4);
      bytes.set(text.subarray(0, Math.round(textShare * MAX_PAYLOAD_BYTES)));
      return bytes;
    };
    for (const [share, keeps] of [[0.5, true], [0.03, false]]) {
      const encoder = new ChunkEncoder(zstd, 'auto');
      const first = encoder.encode(mixed(share));
      const ratio = first === null ? 1 : first.length / MAX_PAYLOAD_BYTES;
      assert.equal(ratio <= 0.9, keeps, 'ratio ' + ratio);
      assert.equal(encoder.encode(text) !== null, keeps, 'text share ' + share);
    }
  });
});

describe('loadZstd', () => {
  it('gives null and the reason when zstd.wasm cannot be had or is not WebAssembly', async () => {
    const reasons = [];
    assert.equal(await loadZstd(async () => { throw new Error('HTTP 404'); }, (e) => reasons.push(e.message)), null);
    assert.equal(await loadZstd(async () => new TextEncoder().encode('<html>not found</html>'),
      (e) => reasons.push(e.message)), null);
    assert.deepEqual(reasons, ['HTTP 404', 'zstd.wasm is not a WebAssembly module']);
  });

  it('starts once: a second load gives the same library', async () => {
    assert.equal(await loadZstd(), zstd);
  });
});
