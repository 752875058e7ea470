// docs/vectors/messages.json: control messages to and from JSON (docs/protocol.md §3.1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../src/protocol/codec.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { isValid, name, tests } from './vectors.js';

describe('messages.json', () => {
  for (const test of tests('messages.json')) {
    it(name(test), () => {
      if (isValid(test)) {
        const decoded = decode(test.json);
        assert.deepEqual(decoded, test.message, 'decoded');
        // Compared as JSON objects: member order and white space are not part of a message.
        const encoded = encode(decoded);
        assert.deepEqual(JSON.parse(encoded), test.message, 'decoded and encoded again');
        assert.deepEqual(decode(encoded), decoded, 'encoded and decoded again');
      } else {
        assert.throws(() => decode(test.json), (e) => e instanceof ProtocolError && e.code === 'protocol');
      }
    });
  }
});
