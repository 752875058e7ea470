// docs/vectors/codes.json: the room of a code and its SPAKE2 password scalar w (docs/protocol.md
// §1, §7.1); and generated codes, with the Java client's word list.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ATTEMPTS, DEFAULT_WORDS, MAX_WORDS, MIN_WORDS, generateCode, parseCode, readWordList, secretBits,
} from '../src/protocol/code.js';
import { UsageError } from '../src/protocol/errors.js';
import { passwordScalar } from '../src/protocol/keyexchange.js';
import { scalarToBytes } from '../src/protocol/spake2.js';
import { toHex } from '../src/protocol/bytes.js';
import { isValid, name, tests } from './vectors.js';

describe('codes.json', () => {
  for (const test of tests('codes.json')) {
    it(name(test), async () => {
      if (isValid(test)) {
        const code = parseCode(test.code);
        assert.equal(code.room, test.room, 'room');
        assert.equal(code.password, test.code, 'the whole code is the password');
        assert.equal(code.hasSecret, test.code !== test.room, 'hasSecret');
        assert.equal(toHex(scalarToBytes(await passwordScalar(code.password))), test.w, 'w');
      } else {
        assert.throws(() => parseCode(test.code), UsageError);
      }
    });
  }
});

describe('parseCode beyond codes.json', () => {
  it('refuses Unicode whitespace as Java does, and accepts what Java accepts', () => {
    for (const space of ['\u00a0', '\u0085', '\u2028', '\u3000', '\u2003', '\t', '\u007f']) {
      assert.throws(() => parseCode('7-a' + space + 'b'), UsageError, JSON.stringify(space));
    }
    // Not White_Space in Unicode, so not refused by the Java client either.
    for (const other of ['\ufeff', '\u180e', '\u200b', '\u0080']) {
      assert.equal(parseCode('7-a' + other + 'b').room, '7', JSON.stringify(other));
    }
  });

  it('counts the length in UTF-16 code units, up to 256', () => {
    assert.equal(parseCode('7-' + 'x'.repeat(254)).password.length, 256);
    assert.throws(() => parseCode('7-' + '😀'.repeat(128)), UsageError); // 258 code units
  });
});

const WORDS = new URL('../../java-client/src/main/resources/org/p2pcopy/client/pairing/words.txt', import.meta.url);

describe('generateCode', () => {
  const wordList = readWordList(readFileSync(WORDS, 'utf8'));

  it("reads the Java client's list of 2048 different short lower-case words", () => {
    assert.equal(wordList.length, 2048);
    for (const word of wordList) {
      assert.match(word, /^[a-z]{3,7}$/);
    }
    assert.equal(secretBits(1), 11);
    assert.equal(secretBits(DEFAULT_WORDS), 22);
  });

  it('makes a room number then the asked number of words', () => {
    for (let words = MIN_WORDS; words <= MAX_WORDS; words++) {
      const code = generateCode(words, wordList);
      const parts = code.password.split('-');
      assert.equal(parts.length, words + 1, code.password);
      assert.equal(code.room, parts[0]);
      assert.match(code.room, /^[1-9][0-9]{0,2}$/);
      for (const word of parts.slice(1)) {
        assert.ok(wordList.includes(word), word);
      }
      assert.equal(code.hasSecret, true);
    }
  });

  it('starts with short rooms and widens them with every attempt', () => {
    const rooms = (attempt) => Array.from({ length: 200 }, () => Number(generateCode(2, wordList, undefined, attempt).room));
    const first = Math.max(...rooms(0));
    const last = Math.max(...rooms(ATTEMPTS - 1));
    assert.ok(first >= 1 && first < 1000, "first attempt's rooms reach " + first);
    assert.ok(last >= 1000, 'the last attempt draws from a wider range, but reached only ' + last);
  });

  it('draws from the random source it is given, without bias from the modulo', () => {
    // A source that yields a value above the largest multiple of 999 first: it must be drawn again.
    const values = [2 ** 32 - 1, 41, 5, 2047];
    const source = (array) => {
      array[0] = values.shift();
      return array;
    };
    assert.equal(generateCode(2, wordList, source).password, '42-' + wordList[5] + '-' + wordList[2047]);
  });

  it('does not repeat codes', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateCode(2, wordList).password.replace(/^[0-9]+/, '')));
    assert.ok(secrets.size >= 997, secrets.size + ' different secrets in 1000 codes');
  });

  it('refuses word counts out of range and a wrong word list', () => {
    assert.throws(() => generateCode(MIN_WORDS - 1, wordList), RangeError);
    assert.throws(() => generateCode(MAX_WORDS + 1, wordList), RangeError);
    assert.throws(() => generateCode(2, wordList.slice(1)));
    assert.throws(() => readWordList('a\nb\n'));
  });
});
