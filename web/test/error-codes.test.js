// docs/vectors/error-codes.json: the codes of the error message and the exit code of the peer
// that receives one (docs/protocol.md §3.1, §6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ERROR_CODES, EXIT, ProtocolError, TransferError, errorCodeFromWire, exitCodeOf, printable,
} from '../src/protocol/errors.js';
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

describe('TransferError', () => {
  it('carries the exit code, the §3.1 code of a ProtocolError and its message', () => {
    const error = TransferError.of(new ProtocolError('integrity', 'chunk 3 does not match'));
    assert.deepEqual([error.exitCode, error.code, error.closeCode, error.byPeer, error.message],
      [5, 'integrity', null, false, 'chunk 3 does not match']);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'TransferError');
  });

  it('refuses exit codes and error codes the protocol does not have', () => {
    assert.throws(() => new TransferError(0, 'success is no failure'), TypeError);
    assert.throws(() => new TransferError(9, 'x'), TypeError);
    assert.throws(() => new TransferError(4, 'x', { code: 'teleport' }), TypeError);
    assert.equal(new TransferError(EXIT.RELAY, 'x', { closeCode: 4003 }).closeCode, 4003);
  });
});

describe('printable', () => {
  it('escapes control characters and cuts at 200 code points', () => {
    assert.equal(printable('a\nb\u0085c\u007f\u00e9'), 'a\\u000ab\\u0085c\\u007f\u00e9');
    assert.equal(printable('😀'.repeat(300)), '😀'.repeat(200));
  });
});
