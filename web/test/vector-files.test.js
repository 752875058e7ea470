// A vector file that no test reads checks nothing: this fails until a new file of docs/vectors/ has
// its test here.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { FOLDER } from './vectors.js';

// Every vector file and the test file that reads it.
const CONSUMERS = {
  'messages.json': 'messages.test.js',
  'chain.json': 'chain.test.js',
  'chunks.json': 'chunks.test.js',
  'compressed.json': 'chunks.test.js',
  'codes.json': 'codes.test.js',
  'paths.json': 'paths.test.js',
  'error-codes.json': 'error-codes.test.js',
  'spake2.json': 'spake2.test.js',
  'handshake.json': 'handshake.test.js',
  'sealed.json': 'sealed.test.js',
  'transfer.json': 'transfer.test.js',
  'endpoints.json': 'endpoints.test.js',
  'close-codes.json': 'close-codes.test.js',
  'resume.json': 'resume.test.js',
};

it('every vector file has a test', () => {
  const present = readdirSync(FOLDER).filter((file) => file.endsWith('.json')).sort();
  assert.deepEqual(present, Object.keys(CONSUMERS).sort());
  for (const test of Object.values(CONSUMERS)) {
    assert.ok(existsSync(new URL(test, import.meta.url)), test + ' is missing');
  }
});
