// Control messages to and from JSON text (docs/protocol.md §3.1), with the checks of the Java
// client's MessageSchema and message records: a member of the wrong JSON type, out of range or
// missing is a `protocol` error, members the protocol does not define are ignored.
import { ProtocolError } from './errors.js';

/** The protocol version of hello messages. */
export const VERSION = 1;
/** The capability that turns sealed frames on (§4.1, §7.3). */
export const ENCRYPTION = 'aes-256-gcm';
/** The capability that allows compressed chunks (§3.3): listed by a side that can decode them or will send them. */
export const COMPRESSION = 'zstd';
/** A control message is at most 1 MiB; counted in UTF-16 code units, as the Java client counts it. */
export const MAX_TEXT_CHARS = 1024 * 1024;
/** At most this many entries per manifest message (§4.2). */
export const MAX_ENTRIES = 1000;
/** The largest integer JavaScript reads exactly: sizes and counts stay at or below it. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;
// hello.version is a Java int: a larger count is a protocol error there, so here too.
const MAX_VERSION = 2 ** 31 - 1;

const ROLES = new Set(['sender', 'receiver']);
const CAPABILITY = /^[a-z0-9-]{1,32}$/;
const SHARE = /^[0-9a-f]{130}$/;
const DIGEST = /^[0-9a-f]{64}$/;

// The members of each message, in the order of the table in §3.1 (encode writes them so).
const STRING = 'a string';
const OPTIONAL_STRING = 'a string (optional)';
const COUNT = 'an integer from 0 to 2^53-1';
const OPTIONAL_COUNT = 'an integer from 0 to 2^53-1 (optional)';
const BOOLEAN = 'true or false';
const STRINGS = 'an array of strings';
const ENTRIES = 'an array of entries';
const OPTIONAL_HELD = 'an array of held items (optional)';

const MEMBERS = new Map([
  ['hello', [['version', COUNT], ['role', STRING], ['capabilities', STRINGS], ['spake2', STRING],
    ['software', OPTIONAL_STRING]]],
  ['confirm', [['mac', STRING]]],
  ['manifest', [['entries', ENTRIES], ['more', BOOLEAN]]],
  ['accept', [['resume', OPTIONAL_HELD]]],
  ['file_begin', [['index', COUNT], ['path', STRING], ['size', COUNT], ['offset', OPTIONAL_COUNT]]],
  ['file_end', [['index', COUNT], ['chunks', COUNT], ['size', COUNT], ['digest', STRING]]],
  ['end', [['files', COUNT], ['bytes', COUNT]]],
  ['ack', [['files', COUNT], ['bytes', COUNT]]],
  ['error', [['code', STRING], ['message', STRING]]],
]);

const ENTRY = [['path', STRING], ['kind', STRING], ['size', OPTIONAL_COUNT]];
// What a resuming receiver holds of one file (§4.8).
const HELD = [['index', COUNT], ['size', COUNT], ['chain', STRING]];
const OPTIONAL = new Set([OPTIONAL_STRING, OPTIONAL_COUNT, OPTIONAL_HELD]);

/** The message types of §3.1. */
export const TYPES = Object.freeze([...MEMBERS.keys()]);

/**
 * Reads one control message. Returns a plain object with `type` and the members §3.1 defines for
 * it (no others: a folder entry has no `size`, a hello without `software` none).
 *
 * @throws {ProtocolError} code 'protocol' for anything §3.1 does not allow
 */
export function decode(text) {
  if (typeof text !== 'string') {
    throw new TypeError('a control message is text');
  }
  if (text.length > MAX_TEXT_CHARS) {
    throw new ProtocolError('protocol', 'a control message of ' + text.length + ' characters');
  }
  let value;
  try {
    value = JSON.parse(withExactNumbers(text));
  } catch {
    throw new ProtocolError('protocol', 'a control message that is not a JSON object');
  }
  if (!isObject(value)) {
    throw new ProtocolError('protocol', 'a control message that is not a JSON object');
  }
  try {
    return readMessage(value);
  } catch (e) {
    throw e instanceof Invalid ? new ProtocolError('protocol', e.message) : e;
  }
}

/**
 * Writes one control message as JSON text: `type` first, then the members of §3.1 in the order
 * of its table; other members of `message` are left out.
 *
 * @throws {TypeError} if `message` is not a message §3.1 allows (a bug of the caller, not the peer's)
 */
export function encode(message) {
  if (!isObject(message)) {
    throw new TypeError('a control message is an object');
  }
  try {
    return JSON.stringify(readMessage(message));
  } catch (e) {
    throw e instanceof Invalid ? new TypeError('cannot encode: ' + e.message) : e;
  }
}

/** A check that failed; decode makes it a ProtocolError, encode a TypeError. */
class Invalid extends Error {}

function readMessage(object) {
  const type = object.type;
  if (!has(object, 'type') || typeof type !== 'string') {
    throw new Invalid('a control message without a string member "type"');
  }
  const members = MEMBERS.get(type);
  if (members === undefined) {
    throw new Invalid('unknown message type ' + JSON.stringify(type.slice(0, 200)));
  }
  const message = { type, ...readMembers(type, object, members) };
  checkMessage(message);
  return message;
}

/** The defined members of `object`, each of its JSON type (MessageSchema.checkMember). */
function readMembers(where, object, members) {
  const out = {};
  for (const [name, kind] of members) {
    const present = has(object, name);
    if (!present && OPTIONAL.has(kind)) {
      continue;
    }
    if (!present) {
      throw new Invalid(where + ': member "' + name + '" is missing');
    }
    // A JSON null is present, and of no type the protocol allows, optional members included.
    const value = object[name];
    let ok;
    switch (kind) {
      case STRING:
      case OPTIONAL_STRING:
        ok = typeof value === 'string';
        break;
      case COUNT:
      case OPTIONAL_COUNT:
        ok = isCount(value);
        break;
      case BOOLEAN:
        ok = typeof value === 'boolean';
        break;
      case STRINGS:
        ok = Array.isArray(value) && value.every((item) => typeof item === 'string');
        break;
      case ENTRIES:
      case OPTIONAL_HELD:
        ok = Array.isArray(value) && value.every(isObject);
        break;
    }
    if (!ok) {
      throw new Invalid(where + ': member "' + name + '" is not ' + kind);
    }
    if (kind === ENTRIES) {
      out[name] = value.map((entry) => readMembers(where + ' entry', entry, ENTRY));
    } else if (kind === OPTIONAL_HELD) {
      out[name] = value.map((item) => readMembers(where + ' ' + name + ' item', item, HELD));
    } else if (kind === STRINGS) {
      out[name] = [...value];
    } else {
      out[name] = kind === COUNT || kind === OPTIONAL_COUNT ? value + 0 : value; // -0 is 0
    }
  }
  return out;
}

/** The checks of the Java records beyond the JSON types. */
function checkMessage(message) {
  switch (message.type) {
    case 'hello':
      if (message.version > MAX_VERSION) {
        throw new Invalid('hello: version out of range: ' + message.version);
      }
      if (!ROLES.has(message.role)) {
        throw new Invalid('hello: unknown role ' + JSON.stringify(message.role.slice(0, 200)));
      }
      if (!message.capabilities.every((capability) => CAPABILITY.test(capability))) {
        throw new Invalid("hello: a capability is 1 to 32 of a-z, 0-9 and '-'");
      }
      if (!SHARE.test(message.spake2)) {
        throw new Invalid('hello: spake2 must be 130 lower-case hex digits');
      }
      break;
    case 'confirm':
      requireDigest(message.mac, 'confirm: mac');
      break;
    case 'manifest':
      if (message.entries.length > MAX_ENTRIES) {
        throw new Invalid('manifest: more than ' + MAX_ENTRIES + ' entries in one message');
      }
      message.entries = message.entries.map(checkEntry);
      break;
    case 'accept':
      message.resume?.forEach((item) => requireDigest(item.chain, 'accept: resume chain'));
      break;
    case 'file_end':
      requireDigest(message.digest, 'file_end: digest');
      break;
  }
}

function checkEntry(entry) {
  if (entry.kind === 'file') {
    if (!has(entry, 'size')) {
      throw new Invalid('manifest entry: a file entry without size');
    }
    return { path: entry.path, kind: entry.kind, size: entry.size };
  }
  if (entry.kind === 'dir') {
    return { path: entry.path, kind: entry.kind }; // a folder's size, if any, is ignored
  }
  throw new Invalid('manifest entry: unknown kind ' + JSON.stringify(entry.kind.slice(0, 200)));
}

function requireDigest(hex, name) {
  if (!DIGEST.test(hex)) {
    throw new Invalid(name + ' must be 64 lower-case hex digits');
  }
}

function isCount(value) {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A member set to undefined counts as absent: JSON.stringify leaves it out too.
function has(object, name) {
  return Object.prototype.hasOwnProperty.call(object, name) && object[name] !== undefined;
}

// A JSON string, or a JSON number with its fraction and exponent captured.
const TOKEN = /"(?:[^"\\]|\\[\s\S])*"|-?(?:0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?/g;

/**
 * The text with every number literal that the Java client does not read as an integer replaced by
 * 0.5, which no count accepts either. Java reads a number as its exact decimal (BigDecimal) and
 * takes it as an integer only if its scale is 0: 1, 1e0 and 1.5e1 are integers there, 1.0, 1e2
 * and 0e1 are not. JSON.parse gives 1.0 and 1 the same value, so the literal has to be judged from
 * its text. Strings are matched first and kept as they are, so digits inside them are not touched;
 * JSON.parse still does all the parsing (a literal is swapped for another literal, which is valid
 * JSON exactly where the first one was).
 */
function withExactNumbers(text) {
  if (!/[0-9][.eE]/.test(text)) {
    return text; // no fraction or exponent anywhere: every literal is a plain integer
  }
  return text.replace(TOKEN, (token, fraction, exponent) => {
    if (token[0] === '"' || (fraction === undefined && exponent === undefined)) {
      return token;
    }
    // scale = digits after the point - exponent; compared as BigInt, the exponent may be huge.
    const scale = BigInt(fraction === undefined ? 0 : fraction.length) - BigInt(exponent ?? 0);
    return scale === 0n ? token : '0.5';
  });
}
