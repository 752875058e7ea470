// docs/vectors/close-codes.json: the relay's close codes with the page's exit codes, and the codes
// the page closes with itself (docs/protocol.md §2.3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES, PEER_CLOSE_CODES, closeCodeOf, closeError, peerCloseCode } from '../src/transport/closecodes.js';
import { EXIT, TransferError } from '../src/protocol/errors.js';
import { name, tests } from './vectors.js';

describe('close-codes.json', () => {
  const vectors = tests('close-codes.json');
  const byRelay = vectors.filter((test) => test.by === 'relay');
  const byPeer = vectors.filter((test) => test.by === 'peer');
  for (const test of byRelay) {
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
  for (const test of byPeer) {
    it(name(test), () => {
      const sent = PEER_CLOSE_CODES.find((known) => known.code === test.code);
      assert.ok(sent, 'the page never closes with ' + test.code);
      assert.equal(sent.name, test.name, 'name');
      assert.equal(sent.exitCode, test.exitCode, 'exit code');
      // The one peer code there is: the page stops for the error code of the same name.
      assert.equal(peerCloseCode(new TransferError(test.exitCode, 'stopped', { code: test.name })), test.code);
    });
  }

  it('has a relay or a peer case in each', () => {
    assert.equal(byRelay.length + byPeer.length, vectors.length);
  });

  it('knows exactly the codes of the vectors', () => {
    assert.deepEqual(CLOSE_CODES.map((c) => [c.code, c.name]), byRelay.map((t) => [t.code, t.name]));
    assert.deepEqual(PEER_CLOSE_CODES.map((c) => [c.code, c.name]), byPeer.map((t) => [t.code, t.name]));
  });

  it('closes with 1000 for any other stop', () => {
    assert.equal(peerCloseCode(new TransferError(EXIT.PEER, 'stopped', { code: 'cancelled' })), 1000);
    assert.equal(peerCloseCode(new TransferError(EXIT.RELAY, 'lost', { closeCode: 4002 })), 1000);
    assert.equal(peerCloseCode(undefined), 1000);
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
