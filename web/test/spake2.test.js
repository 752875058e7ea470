// docs/vectors/spake2.json: RFC 9382 Appendix B, the four vectors of SPAKE2 P256-SHA256-HKDF-HMAC
// (docs/protocol.md §7.1-7.2 without our AAD). Every value is compared: pA, pB, K (through TT),
// TT, Ke, Ka, KcA, KcB, cA, cB, and each side accepts the other's MAC.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scalarToBytes, startSpake2, toScalar } from '../src/protocol/spake2.js';
import { toHex, utf8 } from '../src/protocol/bytes.js';
import { checkKeySchedule, hex, name, tests } from './vectors.js';

async function checkKeys(test, keys, party, sends, expects) {
  assert.equal(toHex(keys.transcript), test.TT, 'TT (' + party + ')');
  assert.equal(toHex(keys.ke), test.Ke, 'Ke (' + party + ')');
  assert.equal(toHex(keys.confirmation), test[sends], party + ' sends ' + sends);
  assert.equal(await keys.confirms(hex(test[expects])), true, party + ' accepts ' + expects);
  assert.equal(await keys.confirms(hex(test[sends])), false, party + ' refuses its own MAC back');
}

describe('spake2.json', () => {
  for (const test of tests('spake2.json')) {
    it(name(test), async () => {
      const idA = utf8(test.idA);
      const idB = utf8(test.idB);
      const aad = hex(test.aad);
      const w = toScalar(test.w);
      assert.equal(toHex(scalarToBytes(w)), test.w, 'w as 32 bytes');
      const a = startSpake2('A', w, idA, idB, toScalar(test.x));
      const b = startSpake2('B', w, idA, idB, toScalar(test.y));
      assert.equal(toHex(a.outbound), test.pA, 'pA');
      assert.equal(toHex(b.outbound), test.pB, 'pB');

      const keysA = await a.finish(hex(test.pB), aad);
      const keysB = await b.finish(hex(test.pA), aad);
      await checkKeySchedule(test, idA, idB);
      await checkKeys(test, keysA, 'A', 'cA', 'cB');
      await checkKeys(test, keysB, 'B', 'cB', 'cA');
      await assert.rejects(a.finish(hex(test.pB), aad), /already/, 'finish is single use');
    });
  }
});
