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
