// The code both people type (docs/protocol.md §1), as the Java client's Code and CodeGenerator
// read and make it. The relay learns only the room, the part before the first '-'; the whole
// code is the password of the key exchange (§4.1, §7.1).
import { UsageError } from './errors.js';

/** A code is 1 to 256 characters (UTF-16 code units, as Java and JavaScript count them). */
export const MAX_CODE_LENGTH = 256;
const ROOM = /^[A-Za-z0-9_]{1,64}$/;
// Unicode whitespace (no-break space, em space, ...) as Java's \s with UNICODE_CHARACTER_CLASS:
// the White_Space property. JavaScript's plain \s would also refuse U+FEFF, which Java accepts.
const FORBIDDEN = /[\p{White_Space}\x00-\x1f\x7f]/u;

/**
 * Reads a code as typed: {room, password, hasSecret}. `password` is the whole code, exactly as
 * typed (no trimming, case folding or normalisation); `hasSecret` is false for a code without '-',
 * which the relay sees whole (the page should warn, as the Java client does).
 *
 * @throws {UsageError} if the code is refused before connecting
 */
export function parseCode(text) {
  if (typeof text !== 'string' || text.length === 0) {
    throw new UsageError('the code is empty');
  }
  if (text.length > MAX_CODE_LENGTH) {
    throw new UsageError('the code is longer than ' + MAX_CODE_LENGTH + ' characters');
  }
  if (FORBIDDEN.test(text)) {
    throw new UsageError('the code must not contain spaces or control characters');
  }
  const dash = text.indexOf('-');
  const room = dash < 0 ? text : text.slice(0, dash);
  if (!ROOM.test(room)) {
    throw new UsageError("the code must start with 1 to 64 letters, digits or '_' before its first '-' "
      + '(e.g. 7-crayon-orbit)');
  }
  return { room, password: text, hasSecret: text.length > room.length };
}

/** Words in the list: 11 bits each. */
export const WORD_LIST_SIZE = 2048;
export const DEFAULT_WORDS = 2;
export const MIN_WORDS = 2;
export const MAX_WORDS = 8;
/** Rooms are short numbers while few are taken; later attempts draw from a wider range. */
const ROOM_RANGES = [1000, 1000, 1000, 10_000, 10_000, 100_000];
/** How many attempts generateCode supports before the caller should give up (a busy relay). */
export const ATTEMPTS = ROOM_RANGES.length;

/** The secret a generated code of `words` words holds, in bits. */
export function secretBits(words) {
  return words * Math.log2(WORD_LIST_SIZE);
}

/**
 * The word list from the text of words.txt (java-client/src/main/resources/org/p2pcopy/client/
 * pairing/words.txt): one word a line, as Java's BufferedReader.lines() reads it.
 *
 * @throws {Error} unless it holds 2048 different words
 */
export function readWordList(text) {
  const words = text.split(/\r\n|\r|\n/);
  if (words.length > 0 && words[words.length - 1] === '') {
    words.pop(); // the line break at the end of the last line
  }
  checkWordList(words);
  return Object.freeze(words);
}

function checkWordList(words) {
  if (!Array.isArray(words) || words.length !== WORD_LIST_SIZE || new Set(words).size !== WORD_LIST_SIZE) {
    throw new Error('the word list must hold ' + WORD_LIST_SIZE + ' different words');
  }
}

/**
 * A new code `<number>-<word>-...`: the number names the room (the relay sees it, so it holds no
 * secret), each word adds 11 bits of secret. `attempt` (from 0) widens the room numbers as
 * earlier rooms turn out taken.
 *
 * @param words how many words, 2 to 8
 * @param wordList the 2048 words (readWordList)
 * @param randomSource fills a Uint32Array with strong random values, like crypto.getRandomValues
 * @returns the parsed code, as parseCode returns it
 */
export function generateCode(words = DEFAULT_WORDS, wordList, randomSource = defaultRandomSource, attempt = 0) {
  if (!Number.isInteger(words) || words < MIN_WORDS || words > MAX_WORDS) {
    throw new RangeError('a generated code has ' + MIN_WORDS + ' to ' + MAX_WORDS + ' words');
  }
  checkWordList(wordList);
  const range = ROOM_RANGES[Math.min(Math.max(0, attempt), ROOM_RANGES.length - 1)];
  const parts = [String(1 + randomBelow(range - 1, randomSource))];
  for (let i = 0; i < words; i++) {
    parts.push(wordList[randomBelow(WORD_LIST_SIZE, randomSource)]);
  }
  return parseCode(parts.join('-'));
}

function defaultRandomSource(array) {
  return globalThis.crypto.getRandomValues(array);
}

/** A uniform integer in [0, bound): rejection sampling, so that no value is more likely. */
function randomBelow(bound, randomSource) {
  const limit = 2 ** 32 - (2 ** 32 % bound); // the largest multiple of bound that fits
  const one = new Uint32Array(1);
  for (;;) {
    randomSource(one);
    if (one[0] < limit) {
      return one[0] % bound;
    }
  }
}
