// docs/vectors/handshake.json: the handshake's cryptography (docs/protocol.md §4.1, §7.1-7.2) as
// keyexchange.js runs it, each peer on its own with the code, secret and capability lists it has.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ID_RECEIVER, ID_SENDER, checkPeerHello, encryptionAgreed, handshakeAad, passwordScalar, startKeyExchange,
} from '../src/protocol/keyexchange.js';
import { decodeShare, scalarToBytes } from '../src/protocol/spake2.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { decode, encode } from '../src/protocol/codec.js';
import { toHex } from '../src/protocol/bytes.js';
import { checkKeySchedule, hex, name, tests } from './vectors.js';

/** The keys a peer's values go by in the vectors. */
const SENDER = { role: 'sender', title: 'Sender', secret: 'x', share: 'pA', mac: 'cA' };
const RECEIVER = { role: 'receiver', title: 'Receiver', secret: 'y', share: 'pB', mac: 'cB' };
const other = (peer) => (peer === SENDER ? RECEIVER : SENDER);

/** The peer's key exchange with its code (`code`, or its own senderCode/receiverCode) and secret. */
function start(test, peer) {
  const code = 'code' in test ? test.code : test[peer.role + 'Code'];
  return startKeyExchange(peer.role, code, test[peer.secret]);
}

/**
 * The capability list of `owner`'s hello as `peer` has it: as sent for its own hello, as it
 * arrived (senderSeesReceiverCapabilities, ...) for the other's if the vector says.
 */
function capabilities(test, peer, owner) {
  const seen = peer.role + 'Sees' + owner.title + 'Capabilities';
  return peer !== owner && seen in test ? test[seen] : test[owner.role + 'Capabilities'];
}

/** The peer's half of the handshake: its share, and its MAC for confirm, from the other's share. */
async function run(test, peer) {
  const exchange = await start(test, peer);
  assert.equal(toHex(exchange.share), test[peer.share], peer.role + "'s share " + peer.share);
  const confirmation = await exchange.finish(hex(test[other(peer).share]), capabilities(test, peer, SENDER),
    capabilities(test, peer, RECEIVER));
  assert.equal(toHex(confirmation.mac), test[peer.mac], peer.role + ' sends ' + peer.mac);
  return confirmation;
}

async function checkValid(test) {
  assert.equal(toHex(scalarToBytes(await passwordScalar(test.code))), test.w, 'w');
  assert.equal(toHex(handshakeAad(test.senderCapabilities, test.receiverCapabilities)), test.aad, 'aad');
  assert.equal(encryptionAgreed(test.senderCapabilities, test.receiverCapabilities), test.encrypt, 'encrypt');
  await checkKeySchedule(test, ID_SENDER, ID_RECEIVER);
  for (const peer of [SENDER, RECEIVER]) {
    const hello = test[peer.role + 'Hello'];
    assert.equal(hello.spake2, test[peer.share], peer.role + 'Hello.spake2');
    assert.deepEqual(decode(encode({
      type: 'hello', version: 1, role: peer.role, capabilities: test[peer.role + 'Capabilities'], spake2: test[peer.share],
    })), hello, peer.role + 'Hello');
    assert.deepEqual(decode(encode({ type: 'confirm', mac: test[peer.mac] })), test[peer.role + 'Confirm'],
      peer.role + 'Confirm');

    checkPeerHello(test[other(peer).role + 'Hello'], peer.role);
    const confirmation = await run(test, peer);
    const keys = confirmation.spake2Keys;
    assert.equal(toHex(keys.transcript), test.TT, peer.role + "'s TT");
    assert.equal(toHex(keys.ke), test.Ke, peer.role + "'s Ke");
    assert.equal(await confirmation.confirm(hex(test[peer.mac])), null, peer.role + ' accepted its own MAC back');
    const traffic = await confirmation.confirm(hex(test[other(peer).mac]));
    assert.notEqual(traffic, null, peer.role + ' refused ' + other(peer).mac);
    assert.equal(toHex(traffic.keyS2R), test.keyS2R, peer.role + "'s keyS2R");
    assert.equal(toHex(traffic.keyR2S), test.keyR2S, peer.role + "'s keyR2S");
  }
}

/** Each peer, with its own code and the lists it sent and saw, expects a MAC the other does not send. */
async function checkWrongCode(test) {
  for (const peer of [SENDER, RECEIVER]) {
    const confirmation = await run(test, peer);
    assert.notEqual(await confirmation.confirm(hex(test[peer.role + 'Expects'])), null,
      peer.role + ' does not expect ' + peer.role + 'Expects');
    assert.equal(await confirmation.confirm(hex(test[other(peer).mac])), null,
      peer.role + ' accepted ' + other(peer).mac);
  }
}

/** The peer refuses the share: at the share check, or, for a valid point, because K is the identity. */
async function checkRefused(test) {
  const share = hex(test.share);
  const isProtocolError = (e) => e instanceof ProtocolError && e.code === 'protocol';
  switch (test.refused) {
    case 'share':
      assert.throws(() => decodeShare(share), isProtocolError, 'the share check');
      break;
    case 'K':
      decodeShare(share); // a valid point
      break;
    default:
      assert.fail('unknown refused ' + test.refused);
  }
  const exchange = await start(test, test.receivedBy === 'sender' ? SENDER : RECEIVER);
  await assert.rejects(exchange.finish(share, [], []), isProtocolError);
}

describe('handshake.json', () => {
  for (const test of tests('handshake.json')) {
    it(name(test), async () => {
      switch (test.result) {
        case 'valid':
          return checkValid(test);
        case 'wrong_code':
          return checkWrongCode(test);
        case 'invalid':
          return checkRefused(test);
        default:
          assert.fail('unknown result ' + test.result);
      }
    });
  }
});

describe('startKeyExchange without a fixed secret', () => {
  it('draws a new secret each time, and two peers with the same code agree', async () => {
    const sender = await startKeyExchange('sender', '7-crayon-orbit');
    const receiver = await startKeyExchange('receiver', '7-crayon-orbit');
    const again = await startKeyExchange('sender', '7-crayon-orbit');
    assert.notEqual(toHex(sender.share), toHex(again.share));
    const caps = ['aes-256-gcm'];
    const s = await sender.finish(receiver.share, caps, caps);
    const r = await receiver.finish(sender.share, caps, caps);
    const sKeys = await s.confirm(r.mac);
    const rKeys = await r.confirm(s.mac);
    assert.deepEqual(sKeys, rKeys);
    assert.equal(sKeys.keyS2R.length, 32);
  });
});

describe('checkPeerHello', () => {
  const hello = (members) => ({ type: 'hello', version: 1, capabilities: [], spake2: '04' + '00'.repeat(64), ...members });
  it('refuses another version with version, and a peer of the same role with protocol', () => {
    checkPeerHello(hello({ role: 'receiver' }), 'sender');
    checkPeerHello(hello({ role: 'sender' }), 'receiver');
    assert.throws(() => checkPeerHello(hello({ role: 'receiver', version: 2 }), 'sender'),
      (e) => e instanceof ProtocolError && e.code === 'version');
    assert.throws(() => checkPeerHello(hello({ role: 'sender' }), 'sender'),
      (e) => e instanceof ProtocolError && e.code === 'protocol');
  });
});
