// The protocol's test vectors (docs/vectors/*.json, written by an independent Python
// implementation), read from the repository as the Java tests read them. Not a test file itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../src/protocol/bytes.js';
import { keySchedule, transcript } from '../src/protocol/spake2.js';

/** docs/vectors/, relative to this file. */
export const FOLDER = new URL('../../docs/vectors/', import.meta.url);

/** The `tests` array of a vector file. */
export function tests(file) {
  return parseExact(readFileSync(new URL(file, FOLDER), 'utf8')).tests;
}

// A JSON string, or a JSON integer literal.
const TOKEN = /"(?:[^"\\]|\\[\s\S])*"|(?<![0-9.eE+-])-?[0-9]+(?![0-9.eE])/g;
const BIG = '\u0000bigint:';

/**
 * JSON.parse, but integers beyond 2^53-1 (a chunk's u64 seq) become BigInts instead of being
 * rounded. Node 20's JSON.parse does not show a reviver the source text, so such literals are
 * turned into marked strings first.
 */
function parseExact(text) {
  const marked = text.replace(TOKEN, (token) => token[0] !== '"' && !Number.isSafeInteger(Number(token))
    ? JSON.stringify(BIG + token) : token);
  return JSON.parse(marked, (key, value) => typeof value === 'string' && value.startsWith(BIG)
    ? BigInt(value.slice(BIG.length)) : value);
}

/** "tcId 3: comment", so that a failure says which vector broke. */
export function name(test) {
  return 'tcId ' + test.tcId + ': ' + (test.comment ?? JSON.stringify(test));
}

export function isValid(test) {
  return test.result === 'valid';
}

export const hex = fromHex;

/** Bytes given as {"hex": "…"} or {"repeat": "61", "times": n} (one byte in hex, repeated). */
export function bytes(hexOrRepeat) {
  if ('hex' in hexOrRepeat) {
    return fromHex(hexOrRepeat.hex);
  }
  const one = fromHex(hexOrRepeat.repeat);
  if (one.length !== 1) {
    throw new Error('repeat is one byte');
  }
  return new Uint8Array(hexOrRepeat.times).fill(one[0]);
}

/**
 * The values a vector derives from its transcript: TT laid out from idA, idB, pA, pB, K and w, and
 * Ke, Ka, KcA, KcB, cA, cB from TT and aad. Shared by spake2.test.js and
 * handshake.test.js, whose cases carry the same keys.
 */
export async function checkKeySchedule(test, idA, idB) {
  assert.equal(toHex(transcript(idA, idB, hex(test.pA), hex(test.pB), hex(test.K), hex(test.w))), test.TT,
    'TT from idA, idB, pA, pB, K and w');
  const schedule = await keySchedule(hex(test.TT), hex(test.aad));
  for (const key of ['Ke', 'Ka', 'KcA', 'KcB', 'cA', 'cB']) {
    const field = key[0].toLowerCase() + key.slice(1);
    assert.equal(toHex(schedule[field]), test[key], key);
  }
}

