// The handshake's cryptography as p2p-copy uses it (docs/protocol.md §7.1, §7.2), as the Java
// client's KeyExchange and TrafficKeys: SPAKE2 with the whole code as the password, the sender as
// party A, the capability lists of both hellos bound into the key confirmation, and the traffic
// keys derived only once the peer's MAC has been checked.
import { ENCRYPTION, VERSION } from './codec.js';
import { ProtocolError } from './errors.js';
import { utf8 } from './bytes.js';
import { bytesToScalarMod, hkdf, lengthPrefixed, startSpake2 } from './spake2.js';
import { createOpener, createSealer } from './sealed.js';

export const ID_SENDER = utf8('sender');
export const ID_RECEIVER = utf8('receiver');
const PASSWORD_SALT = utf8('p2p-copy v1 password');
// 64 bytes = 256 + 256 bits: reduced modulo the 256-bit order, biased by at most 2^-256.
const PASSWORD_OKM_BYTES = 64;
const AAD_LABEL = 'p2p-copy v1';
const SESSION_SALT = utf8('p2p-copy v1 session');
const SENDER_TO_RECEIVER = utf8('sender to receiver');
const RECEIVER_TO_SENDER = utf8('receiver to sender');
/** The nonce tags of the two directions (§7.2). */
export const TAG_S2R = Uint8Array.of(0, 0, 0, 1);
export const TAG_R2S = Uint8Array.of(0, 0, 0, 2);

/**
 * w = OS2IP(HKDF-SHA256(salt = "p2p-copy v1 password", IKM = UTF-8(code), info = "", L = 64)) mod p.
 * A plain KDF, not a memory-hard one: SPAKE2 gives nobody anything to test guesses against offline.
 */
export async function passwordScalar(code) {
  const okm = await hkdf(PASSWORD_SALT, utf8(code), new Uint8Array(0), PASSWORD_OKM_BYTES);
  const w = bytesToScalarMod(okm);
  if (w === 0n) {
    throw new Error('the code maps to w = 0'); // probability 2^-256; the protocol refuses it
  }
  return w;
}

/**
 * AAD = lenstr("p2p-copy v1") || lenstr(join(",", sender's capabilities)) || lenstr(join(",", receiver's)),
 * lenstr(s) = u64le(byte length) || s; each list in the order its hello lists it.
 */
export function handshakeAad(senderCapabilities, receiverCapabilities) {
  return lengthPrefixed(...[AAD_LABEL, senderCapabilities.join(','), receiverCapabilities.join(',')].map(utf8));
}

/** Whether both hellos list aes-256-gcm, i.e. whether the frames after the confirms are sealed. */
export function encryptionAgreed(senderCapabilities, receiverCapabilities) {
  return senderCapabilities.includes(ENCRYPTION) && receiverCapabilities.includes(ENCRYPTION);
}

/**
 * The checks of the peer's decoded hello before its share is used (§4.1): `version` must be 1,
 * `role` the opposite of `self`'s.
 *
 * @throws {ProtocolError} code 'version' or 'protocol'
 */
export function checkPeerHello(hello, self) {
  if (hello.version !== VERSION) {
    throw new ProtocolError('version', 'the other side speaks protocol version ' + hello.version + ', this one '
      + VERSION);
  }
  if (hello.role !== (self === 'sender' ? 'receiver' : 'sender')) {
    throw new ProtocolError('protocol', 'the other side is also a ' + self);
  }
}

/**
 * Starts this side's half of the exchange. `role` is 'sender' (party A) or 'receiver' (party B),
 * `code` the whole code as typed. `secret` (x or y) is only for test vectors, as the Java client's
 * ScalarSource.fixed: a BigInt, 32 bytes or their hex; otherwise it is drawn at random.
 *
 * Returns {share, finish}: `share` (65 bytes) goes into this side's hello as `spake2` (in hex).
 */
export async function startKeyExchange(role, code, secret = undefined) {
  if (role !== 'sender' && role !== 'receiver') {
    throw new TypeError("the role is 'sender' or 'receiver'");
  }
  const w = await passwordScalar(code);
  const party = role === 'sender' ? 'A' : 'B';
  const spake2 = secret === undefined ? startSpake2(party, w, ID_SENDER, ID_RECEIVER)
    : startSpake2(party, w, ID_SENDER, ID_RECEIVER, secret);
  return {
    share: spake2.outbound,

    /**
     * Combines the peer's share with ours. The capability lists are those the two hellos carried,
     * as this side sent or received them: if someone in between changed either, the two sides'
     * MACs differ. Returns {mac, confirm, spake2Keys}: `mac` goes into this side's confirm.
     *
     * @throws {ProtocolError} code 'protocol' if the peer's share is refused (§4.1, §7.1)
     */
    async finish(peerShare, senderCapabilities, receiverCapabilities) {
      const keys = await spake2.finish(peerShare, handshakeAad(senderCapabilities, receiverCapabilities));
      return {
        mac: keys.confirmation,
        /**
         * Checks the peer's MAC (in constant time) and, if it is right, derives the traffic keys.
         * Returns {keyS2R, keyR2S}, or null if the MAC is wrong: a different code, or tampering
         * (the peer then sends `error` `wrong_code`).
         */
        async confirm(peerMac) {
          return (await keys.confirms(peerMac)) ? deriveTrafficKeys(keys.ke) : null;
        },
        spake2Keys: keys,
      };
    },
  };
}

/**
 * key_s2r and key_r2s: HKDF-Expand(HKDF-Extract(salt = "p2p-copy v1 session", IKM = Ke), info, 32)
 * for each direction, which is HKDF with that salt, IKM and info.
 */
export async function deriveTrafficKeys(ke) {
  const [keyS2R, keyR2S] = await Promise.all([
    hkdf(SESSION_SALT, ke, SENDER_TO_RECEIVER, 32),
    hkdf(SESSION_SALT, ke, RECEIVER_TO_SENDER, 32),
  ]);
  return { keyS2R, keyR2S };
}

/** Seals what `self` ('sender' or 'receiver') sends, its counter from 0. */
export function sealerFor(self, { keyS2R, keyR2S }) {
  return self === 'sender' ? createSealer(keyS2R, TAG_S2R) : createSealer(keyR2S, TAG_R2S);
}

/** Opens what `self` receives: a sender opens what the receiver sealed, and the other way round. */
export function openerFor(self, { keyS2R, keyR2S }) {
  return self === 'sender' ? createOpener(keyR2S, TAG_R2S) : createOpener(keyS2R, TAG_S2R);
}
