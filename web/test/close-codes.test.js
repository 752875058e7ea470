// docs/vectors/close-codes.json: the relay's close codes and the page's exit codes (docs/protocol.md §2.3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES, closeCodeOf, closeError } from '../src/transport/closecodes.js';
import { TransferError } from '../src/protocol/errors.js';
import { name, tests } from './vectors.js';

describe('close-codes.json', () => {
  const vectors = tests('close-codes.json');
  for (const test of vectors) {
    it(name(test), () => {
      const known = closeCodeOf(test.code);
      assert.ok(known, 'the page does not know close code ' + test.code);
      assert.equal(known.name, test.name, 'name');
      assert.equal(known.exitCode, test.exitCode, 'exit code');
      const error = closeError(test.code, '');
      assert.ok(error instanceof TransferError);
      assert.equal(error.exitCode, test.exitCode);
      assert.equal(error.closeCode, test.code);
      assert.equal(error.code, null, 'a close code is no error code of §3.1');
      assert.equal(error.message, known.explanation);
    });
  }

  it('knows exactly the codes of the vectors', () => {
    assert.deepEqual(CLOSE_CODES.map((c) => [c.code, c.name]), vectors.map((t) => [t.code, t.name]));
  });
});

describe('closeError beyond close-codes.json', () => {
  it("adds the relay's reason, and names codes the relay does not use", () => {
    assert.equal(closeError(4001, 'room 7 has a sender').message,
      'someone else is already using this code: pick another code (room 7 has a sender)');
    assert.deepEqual([closeError(1006).exitCode, closeError(1006).message],
      [3, 'lost the connection to the relay (the network or the relay dropped it)']);
    assert.equal(closeError(1011, 'oops').message, 'the relay closed the connection (code 1011: oops)');
    assert.equal(closeCodeOf(1000), undefined);
  });
});
