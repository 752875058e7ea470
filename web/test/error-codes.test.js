// docs/vectors/error-codes.json: the codes of the error message and the exit code of the peer
// that receives one (docs/protocol.md §3.1, §6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, ProtocolError, errorCodeFromWire, exitCodeOf } from '../src/protocol/errors.js';
import { name, tests } from './vectors.js';

describe('error-codes.json', () => {
  const vectors = tests('error-codes.json');
  for (const test of vectors) {
    it(name(test), () => {
      assert.equal(errorCodeFromWire(test.code), test.code);
      assert.equal(exitCodeOf(test.code), test.exitCode);
      assert.equal(new ProtocolError(test.code, 'x').exitCode, test.exitCode);
    });
  }

  it('lists exactly the codes of the vectors, in their order', () => {
    assert.deepEqual(ERROR_CODES, vectors.map((test) => test.code));
  });

  it('treats an unknown code as protocol', () => {
    for (const unknown of ['teleport', '', 'constructor', '__proto__', 'PROTOCOL']) {
      assert.equal(errorCodeFromWire(unknown), 'protocol');
      assert.equal(exitCodeOf(unknown), 4);
    }
  });
});
