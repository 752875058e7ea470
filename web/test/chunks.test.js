// docs/vectors/chunks.json: chunk frames and the receiver's checks of each (docs/protocol.md §3.2).
// The receiver's check: the seq must be the expected one and the chain must advance from prevChain.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HashChain, decodeChunk, encodeChunk, requireUncompressed } from '../src/protocol/chain.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { toHex } from '../src/protocol/bytes.js';
import { hex, name, tests } from './vectors.js';

function receiver(test) {
  return new HashChain(hex(test.prevChain), BigInt(test.expectedSeq));
}

describe('chunks.json', () => {
  for (const test of tests('chunks.json')) {
    it(name(test), async () => {
      const frame = hex(test.frame);
      switch (test.result) {
        case 'valid': {
          const chunk = decodeChunk(frame);
          assert.equal(chunk.seq, BigInt(test.seq), 'seq');
          assert.equal(chunk.compressed, false);
          assert.doesNotThrow(() => requireUncompressed(chunk, 'a.txt'));
          assert.equal(toHex(chunk.chain), test.chain, 'chain');
          assert.equal(toHex(chunk.payload), test.payload, 'payload');
          assert.equal(toHex(encodeChunk(chunk.seq, chunk.chain, chunk.payload)), test.frame, 'encoded again');
          const check = receiver(test);
          assert.equal(await check.accepts(chunk), true, 'the receiver rejected a valid chunk');
          assert.equal(check.nextSeq, BigInt(test.expectedSeq) + 1n, 'the receiver moves on');
          break;
        }
        case 'protocol':
          assert.throws(() => decodeChunk(frame), (e) => e instanceof ProtocolError && e.code === 'protocol');
          break;
        case 'integrity': {
          const chunk = decodeChunk(frame);
          assert.equal(await receiver(test).accepts(chunk), false, 'the receiver accepted a chunk it must reject');
          await assert.rejects(receiver(test).check(chunk), (e) => e instanceof ProtocolError && e.code === 'integrity');
          break;
        }
        default:
          assert.fail('unknown result ' + test.result);
      }
    });
  }
});

// The page lists no `zstd` in its hello, so it refuses every compressed chunk with `protocol`,
// including the ones a receiver that negotiated zstd would accept or refuse as `integrity`.
describe('compressed.json, as a receiver that did not negotiate zstd', () => {
  for (const test of tests('compressed.json')) {
    it(name(test), () => {
      const chunk = decodeChunk(hex(test.frame));
      assert.equal(chunk.compressed, true, 'bit 63 of seq');
      assert.equal(chunk.seq, BigInt(test.expectedSeq), 'seq without bit 63');
      if (test.result === 'valid') {
        assert.equal(chunk.seq, BigInt(test.seq));
        assert.equal(toHex(chunk.chain), test.chain, 'chain');
      }
      assert.throws(() => requireUncompressed(chunk, 'a.txt'),
        (e) => e instanceof ProtocolError && e.code === 'protocol' && /came compressed/.test(e.message));
    });
  }
});
