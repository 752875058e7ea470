// One side of SPAKE2 (RFC 9382) with the ciphersuite P256-SHA256-HKDF-HMAC (§6 of the RFC), as the
// Java client's Spake2, P256, Transcript and KeySchedule: party A sends pA = x*P + w*M, party B
// sends pB = y*P + w*N; both compute K = x*(pB - w*N) = y*(pA - w*M), hash the transcript TT and
// derive Ke and the confirmation MACs from it. Point arithmetic from @noble/curves, hashes, HMAC
// and HKDF from WebCrypto.
import { p256 } from '@noble/curves/nist.js';
import { ProtocolError } from './errors.js';
import { bigIntToBytes, bytesToBigInt, concat, fromHex, u64le, utf8 } from './bytes.js';

const Point = p256.Point;
/** The group order, p in RFC 9382 §3.1 (n in SEC 2). */
export const ORDER = Point.Fn.ORDER;
/** Bytes of a scalar or a field element. */
export const SCALAR_BYTES = 32;
/** An uncompressed SEC1 point, 04 || x || y: how shares and K travel and are hashed (RFC 9382 §4). */
export const POINT_BYTES = 1 + 2 * SCALAR_BYTES;

/** M and N for P-256 from RFC 9382 §6, compressed SEC1. */
export const M = Point.fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f');
export const N = Point.fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49');

const CONFIRMATION_KEYS = utf8('ConfirmationKeys');

/** A scalar as the transcript holds it: 32 bytes big-endian. */
export function scalarToBytes(scalar) {
  return bigIntToBytes(scalar, SCALAR_BYTES);
}

/** OS2IP(bytes) mod p: how the password's HKDF output becomes w (docs/protocol.md §7.1). */
export function bytesToScalarMod(bytes) {
  return bytesToBigInt(bytes) % ORDER;
}

/** A uniformly random scalar in [1, p-1] from the platform's strong random source (crypto.getRandomValues). */
export function randomScalar() {
  // The library's helper: 48 random bytes reduced into [1, p-1], bias below 2^-128.
  return bytesToBigInt(p256.utils.randomSecretKey());
}

/**
 * The peer's share, checked as RFC 9382 §7 demands of received elements: exactly an uncompressed
 * SEC1 encoding (both coordinates below the field prime), on the curve, not the identity.
 * Compressed and hybrid encodings are refused so that the bytes in the transcript are the only
 * encoding of the point both sides hash.
 *
 * @throws {ProtocolError} code 'protocol' otherwise (docs/protocol.md §4.1)
 */
export function decodeShare(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== POINT_BYTES || bytes[0] !== 0x04) {
    throw new ProtocolError('protocol', 'a share is a ' + POINT_BYTES + '-byte uncompressed P-256 point');
  }
  let point;
  try {
    point = Point.fromBytes(bytes); // checks range of x and y, the curve equation, and not the identity
  } catch {
    throw new ProtocolError('protocol', 'the share is not a point of P-256');
  }
  if (point.is0()) {
    throw new ProtocolError('protocol', 'the share is the identity'); // cofactor 1: all other points are in the group
  }
  return point;
}

/**
 * TT = len(idA) || idA || len(idB) || idB || len(pA) || pA || len(pB) || pB || len(K) || K || len(w) || w,
 * len an 8-byte little-endian length (RFC 9382 §4). An empty identity still contributes its length.
 */
export function transcript(idA, idB, pA, pB, K, w) {
  return lengthPrefixed(idA, idB, pA, pB, K, w);
}

/** Each field as u64le(length) || field: TT's encoding, which the handshake's AAD uses too (§7.2). */
export function lengthPrefixed(...fields) {
  return concat(...fields.flatMap((field) => [u64le(field.length), field]));
}

/**
 * Ke || Ka = SHA-256(TT); KcA || KcB = HKDF-SHA256(salt = nil, IKM = Ka, info = "ConfirmationKeys" || aad, L = 32);
 * cA = HMAC(KcA, TT), cB = HMAC(KcB, TT). Every value is returned so that tests can compare each.
 */
export async function keySchedule(tt, aad) {
  const kMain = new Uint8Array(await crypto.subtle.digest('SHA-256', tt));
  const ke = kMain.slice(0, 16);
  const ka = kMain.slice(16);
  const kc = await hkdf(new Uint8Array(0), ka, concat(CONFIRMATION_KEYS, aad), 32);
  const kcA = kc.slice(0, 16);
  const kcB = kc.slice(16);
  const [cA, cB] = await Promise.all([hmac(kcA, tt), hmac(kcB, tt)]);
  return { ke, ka, kcA, kcB, cA, cB };
}

/**
 * Starts one side: party 'A' (who masks with M) or 'B' (N), with the password scalar `w`, both
 * identities (bytes, may be empty) and this side's secret scalar (x for A, y for B): random unless
 * a test vector fixes it. Returns {outbound, finish}; `outbound` is this side's share (65 bytes).
 */
export function startSpake2(party, w, idA, idB, secret = randomScalar()) {
  if (party !== 'A' && party !== 'B') {
    throw new TypeError("the party is 'A' or 'B'");
  }
  w = toScalar(w);
  secret = toScalar(secret);
  // w = 0 would leave the shares unmasked: plain unauthenticated Diffie-Hellman.
  requireScalar(w, 'w');
  requireScalar(secret, 'the secret scalar');
  const ownMask = party === 'A' ? M : N;
  const peerMask = party === 'A' ? N : M;
  const outbound = Point.BASE.multiply(secret).add(ownMask.multiply(w)).toBytes(false);
  const wBytes = scalarToBytes(w);
  idA = Uint8Array.from(idA);
  idB = Uint8Array.from(idB);
  let finished = false;

  return {
    outbound: outbound.slice(),

    /**
     * Combines the peer's share with ours into the keys; `aad` is bound into the confirmation
     * keys (RFC 9382 §4), both sides must pass the same bytes. Single use.
     *
     * @throws {ProtocolError} code 'protocol' if the share is not a valid point, or makes K the
     *     identity (which only a peer that chose its share from w*M or w*N can do)
     */
    async finish(peerShare, aad = new Uint8Array(0)) {
      if (finished) {
        throw new Error('finish was already called'); // a second K with the same secret
      }
      finished = true;
      const peer = decodeShare(peerShare);
      const shared = peer.subtract(peerMask.multiply(w)).multiply(secret);
      if (shared.is0()) {
        throw new ProtocolError('protocol', 'the shared point K is the identity');
      }
      const pA = party === 'A' ? outbound : Uint8Array.from(peerShare);
      const pB = party === 'A' ? Uint8Array.from(peerShare) : outbound;
      const tt = transcript(idA, idB, pA, pB, shared.toBytes(false), wBytes);
      const schedule = await keySchedule(tt, aad);
      const own = party === 'A' ? schedule.cA : schedule.cB;
      const peerKey = party === 'A' ? schedule.kcB : schedule.kcA;
      return keys(schedule.ke, own, peerKey, tt);
    },
  };
}

/** What a finished exchange yields, seen from one side. */
function keys(ke, confirmation, peerConfirmationKey, tt) {
  return {
    /**
     * Ke, the shared secret (16 bytes): only input keying material for the traffic keys, and only
     * once the peer's confirmation has been checked.
     */
    ke: ke.slice(),
    /** This side's MAC for its confirm message: cA for A, cB for B (32 bytes). */
    confirmation: confirmation.slice(),
    /** TT, for the tests. */
    transcript: tt.slice(),
    /**
     * Whether the peer's MAC is the one the same password and transcript give. WebCrypto's HMAC
     * verify compares in constant time.
     */
    async confirms(peerConfirmation) {
      if (!(peerConfirmation instanceof Uint8Array)) {
        return false;
      }
      const key = await crypto.subtle.importKey('raw', peerConfirmationKey, { name: 'HMAC', hash: 'SHA-256' },
        false, ['verify']);
      return crypto.subtle.verify('HMAC', key, peerConfirmation, tt);
    },
  };
}

/** HKDF-SHA256(salt, IKM, info, L) (RFC 5869) with WebCrypto. An empty salt means HashLen zeros. */
export async function hkdf(salt, ikm, info, length) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, 8 * length);
  return new Uint8Array(bits);
}

/** HMAC-SHA256(key, data) with WebCrypto. */
export async function hmac(key, data) {
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, data));
}

/** A scalar given as a BigInt, as 32 big-endian bytes or as their hex (the form of the test vectors). */
export function toScalar(value) {
  if (value instanceof Uint8Array) {
    if (value.length !== SCALAR_BYTES) {
      throw new RangeError('a scalar is ' + SCALAR_BYTES + ' bytes');
    }
    return bytesToBigInt(value);
  }
  if (typeof value === 'string') {
    return toScalar(fromHex(value));
  }
  return value;
}

function requireScalar(value, name) {
  if (typeof value !== 'bigint' || value <= 0n || value >= ORDER) {
    throw new RangeError(name + ' must be a BigInt in [1, p-1]');
  }
}
