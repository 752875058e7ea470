// docs/vectors/chain.json: file digests, the running hash of docs/protocol.md §3.2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HashChain, ZERO_CHAIN, chain, digest } from '../src/protocol/chain.js';
import { toHex } from '../src/protocol/bytes.js';
import { bytes, name, tests } from './vectors.js';

describe('chain.json', () => {
  for (const test of tests('chain.json')) {
    it(name(test), async () => {
      const payloads = test.payloads.map(bytes);
      assert.equal(toHex(await digest(payloads)), test.digest, 'digest()');

      let value = ZERO_CHAIN;
      const sender = new HashChain();
      for (const payload of payloads) {
        value = await chain(value, payload);
        assert.deepEqual(await sender.next(payload), value, 'HashChain.next');
      }
      assert.equal(toHex(value), test.digest, 'chain() step by step');
      assert.equal(toHex(sender.value), test.digest, 'HashChain.value');
      assert.equal(sender.nextSeq, BigInt(payloads.length), 'HashChain.nextSeq');
    });
  }
});
