// The errors of the protocol (docs/protocol.md §3.1, §6): the codes an `error` message carries,
// what each means for the peer that receives it, and the exceptions the protocol modules throw.

/** What went wrong, by kind; the numbers are the Java client's exit codes (docs/protocol.md §6). */
export const EXIT = Object.freeze({
  SUCCESS: 0,
  INTERNAL: 1,
  USAGE: 2,
  RELAY: 3,
  PEER: 4,
  INTEGRITY: 5,
  LOCAL_FILE: 6,
  WRONG_CODE: 7,
});

// A Map, not an object: a wire name such as "constructor" must not find an inherited member.
const EXIT_OF_ERROR_CODE = new Map([
  ['wrong_code', EXIT.WRONG_CODE],
  ['version', EXIT.PEER],
  ['protocol', EXIT.PEER],
  ['integrity', EXIT.INTEGRITY],
  ['bad_path', EXIT.PEER],
  ['exists', EXIT.LOCAL_FILE],
  ['no_space', EXIT.LOCAL_FILE],
  ['io', EXIT.LOCAL_FILE],
  ['changed', EXIT.LOCAL_FILE],
  ['cancelled', EXIT.PEER],
]);

/** The codes of the `error` message, in the order of docs/protocol.md §3.1. */
export const ERROR_CODES = Object.freeze([...EXIT_OF_ERROR_CODE.keys()]);

/** The code as the receiving peer understands it: an unknown one counts as `protocol` (§3.1). */
export function errorCodeFromWire(name) {
  return EXIT_OF_ERROR_CODE.has(name) ? name : 'protocol';
}

/** The exit code (kind of failure, §6) of the peer that receives an `error` with this code. */
export function exitCodeOf(name) {
  return EXIT_OF_ERROR_CODE.get(errorCodeFromWire(name));
}

/**
 * A frame that breaks docs/protocol.md, or a check that failed. `code` is the error code to send
 * the peer before closing (e.g. 'protocol', 'integrity', 'bad_path', 'wrong_code').
 */
export class ProtocolError extends Error {
  constructor(code, message) {
    if (!EXIT_OF_ERROR_CODE.has(code)) {
      throw new TypeError('not an error code of docs/protocol.md §3.1: ' + code);
    }
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }

  /** The kind of failure of the peer that stops with this error. */
  get exitCode() {
    return exitCodeOf(this.code);
  }
}

/** Something the user typed is refused before anything is sent (exit code 2), e.g. a bad code. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = EXIT.USAGE;
  }
}

/**
 * A transfer that did not succeed, with a message for the person who started it (the Java client's
 * TransferException). Whatever stops a transfer reaches the page as one of these.
 *
 * - `exitCode`: the kind of failure (EXIT, docs/protocol.md §6), which the page can show as it likes
 * - `code`: the §3.1 error code when the failure is one of them (sent to or received from the
 *   peer), else null: a relay or connection failure has none
 * - `closeCode`: the WebSocket close code when the relay or the network ended the connection, else null
 * - `byPeer`: true when the other peer stopped the transfer and said why (its message is quoted)
 */
export class TransferError extends Error {
  constructor(exitCode, message, { code = null, closeCode = null, byPeer = false, cause = undefined } = {}) {
    if (!Object.values(EXIT).includes(exitCode) || exitCode === EXIT.SUCCESS) {
      throw new TypeError('not an exit code of a failure: ' + exitCode);
    }
    if (code !== null && !EXIT_OF_ERROR_CODE.has(code)) {
      throw new TypeError('not an error code of docs/protocol.md §3.1: ' + code);
    }
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TransferError';
    this.exitCode = exitCode;
    this.code = code;
    this.closeCode = closeCode;
    this.byPeer = byPeer;
  }

  /** The failure a ProtocolError means for the peer that stops with it. */
  static of(problem) {
    return new TransferError(problem.exitCode, problem.message, { code: problem.code, cause: problem });
  }
}

/**
 * A text from elsewhere (a path, the peer's error message) made safe to show: control characters
 * (C0, DEL, C1) escaped as \uXXXX so that a hostile name cannot fake lines or hide parts, and cut at
 * 200 code points, as the Java client's PathRules.printable.
 */
export function printable(text) {
  let out = '';
  let count = 0;
  for (const character of String(text)) {
    if (count++ === 200) {
      break;
    }
    const cp = character.codePointAt(0);
    out += cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) ? '\\u' + cp.toString(16).padStart(4, '0') : character;
  }
  return out;
}
