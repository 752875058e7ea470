// docs/vectors/paths.json: manifest paths (docs/protocol.md §5).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPath, isAllowedPath, pathProblem } from '../src/protocol/paths.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { isValid, name, tests } from './vectors.js';

describe('paths.json', () => {
  for (const test of tests('paths.json')) {
    it(name(test), () => {
      if (isValid(test)) {
        assert.equal(pathProblem(test.path), null);
        assert.equal(isAllowedPath(test.path), true);
        checkPath(test.path);
      } else {
        assert.equal(typeof pathProblem(test.path), 'string');
        assert.equal(isAllowedPath(test.path), false);
        assert.throws(() => checkPath(test.path), (e) => e instanceof ProtocolError && e.code === 'bad_path');
      }
    });
  }
});

// What the JSON vectors cannot carry: a UTF-8 file cannot hold a lone surrogate.
it('a lone surrogate is refused and a pair is not', () => {
  for (const path of ['a\ud800', 'a\udc00b', 'dir/\udbff', '\udfff']) {
    assert.equal(pathProblem(path), 'a path that is not valid Unicode', JSON.stringify(path));
  }
  assert.equal(pathProblem('emoji \ud83d\ude00.txt'), null);
});
