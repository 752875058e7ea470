// Which manifest paths are allowed (docs/protocol.md §5): relative, '/'-separated, no way up,
// nothing a file system could read as a drive, a separator or the end of a string. The same rules
// as the Java client's PathRules, in the same order.
import { ProtocolError } from './errors.js';

export const MAX_ELEMENT_BYTES = 255;
export const MAX_PATH_BYTES = 4096;

/** Why `path` is not allowed, or null when it is. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function pathProblem(path) {
  if (path.length === 0) {
    return 'an empty path';
  }
  if (LONE_SURROGATE.test(path)) {
    // A lone surrogate has no UTF-8 form: on disk it would become '?', and two paths one name.
    return 'a path that is not valid Unicode';
  }
  if (utf8Length(path) > MAX_PATH_BYTES) {
    return 'a path longer than ' + MAX_PATH_BYTES + ' bytes';
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      return 'a control character in the path';
    }
    if (c === 0x5c || c === 0x3a) {
      return "'" + path[i] + "' in the path";
    }
  }
  for (const element of path.split('/')) {
    if (element.length === 0) {
      return 'an absolute path or an empty element';
    }
    if (element === '.' || element === '..') {
      return "'" + element + "' as a path element";
    }
    if (utf8Length(element) > MAX_ELEMENT_BYTES) {
      return 'a name longer than ' + MAX_ELEMENT_BYTES + ' bytes';
    }
  }
  return null;
}

/** Whether `path` is allowed. */
export function isAllowedPath(path) {
  return pathProblem(path) === null;
}

/**
 * @throws {ProtocolError} code 'bad_path' if the path is not allowed
 */
export function checkPath(path) {
  const problem = pathProblem(path);
  if (problem !== null) {
    throw new ProtocolError('bad_path', 'refused path ' + JSON.stringify(path.slice(0, 200)) + ': ' + problem);
  }
}

/**
 * Bytes of the text in UTF-8. An unpaired surrogate (possible through a JSON \ud800 escape) has no
 * UTF-8 form; it counts 1 byte, as in the Java client, whose encoder writes '?' for it.
 */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length
        && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      bytes += 4; // a surrogate pair: one code point above U+FFFF
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      bytes += 1;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}
