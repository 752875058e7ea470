// docs/vectors/endpoints.json: the relay endpoint for an address as typed (docs/protocol.md §2.1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { relayEndpoint } from '../src/transport/address.js';
import { UsageError } from '../src/protocol/errors.js';
import { isValid, name, tests } from './vectors.js';

// The vectors name roles by their path segment; spelled out here rather than taken from address.js.
const ROLES = { send: 'sender', receive: 'receiver' };

describe('endpoints.json', () => {
  for (const test of tests('endpoints.json')) {
    it(name(test), () => {
      const role = ROLES[test.role];
      assert.ok(role, 'unknown role in the vector');
      if (isValid(test)) {
        assert.equal(relayEndpoint(test.server, test.room, role), test.url);
      } else {
        assert.throws(() => relayEndpoint(test.server, test.room, role),
          (e) => e instanceof UsageError && e.exitCode === 2 && e.message.startsWith('bad relay address'));
      }
    });
  }
});

describe('relayEndpoint beyond endpoints.json', () => {
  it('trims what was typed around the address, and drops several trailing slashes', () => {
    assert.equal(relayEndpoint('  https://host.example/p2p// ', '7', 'receiver'),
      'wss://host.example/p2p/relay/v1/7/receive');
  });

  it('refuses spaces inside, userinfo, and an empty query', () => {
    for (const server of ['wss://relay example.org', 'wss://user@relay.example.org', 'wss://relay.example.org/?',
      'wss://relay.example.org/a b', '://x', 'wss://']) {
      assert.throws(() => relayEndpoint(server, '7', 'sender'), UsageError, server);
    }
  });

  it('is given a checked room and a role of the page', () => {
    assert.throws(() => relayEndpoint('wss://r.example', '7/../x', 'sender'), TypeError);
    assert.throws(() => relayEndpoint('wss://r.example', '7', 'send'), TypeError);
    assert.throws(() => relayEndpoint('wss://r.example', '7', 'constructor'), TypeError);
  });
});
