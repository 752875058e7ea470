// The close codes of docs/protocol.md §2.3, checked against docs/vectors/close-codes.json: the
// relay's, with what the page tells its user about each (as the Java client's RelayCloseCode), and
// the one a peer closes with itself (as PeerCloseCode).
import { EXIT, TransferError } from '../protocol/errors.js';

/** Every close code the relay uses: {code, name, exitCode, explanation}. */
export const CLOSE_CODES = Object.freeze([
  { code: 1001, name: 'going_away', exitCode: EXIT.RELAY, explanation: 'the relay is shutting down' },
  { code: 1009, name: 'frame_too_large', exitCode: EXIT.RELAY, explanation: 'the relay refused a frame as too large' },
  { code: 1013, name: 'relay_busy', exitCode: EXIT.RELAY,
    explanation: 'the relay is busy (too many transfers at once): try again in a few minutes' },
  { code: 4000, name: 'bad_request', exitCode: EXIT.RELAY, explanation: 'the relay refused the request' },
  { code: 4001, name: 'room_taken', exitCode: EXIT.RELAY,
    explanation: 'someone else is already using this code: pick another code' },
  { code: 4002, name: 'peer_left', exitCode: EXIT.PEER,
    explanation: 'the other side left before the transfer was complete' },
  { code: 4003, name: 'waited_too_long', exitCode: EXIT.RELAY,
    explanation: 'nobody joined with this code in time: the relay stopped waiting' },
  { code: 4004, name: 'unsupported_version', exitCode: EXIT.RELAY,
    explanation: "the relay does not speak this page's protocol version" },
  { code: 4005, name: 'too_many_connections', exitCode: EXIT.RELAY,
    explanation: 'the relay refused: too many connections from this address in the last minute; try again shortly' },
  { code: 4006, name: 'too_many_failed_pairings', exitCode: EXIT.RELAY,
    explanation: 'the relay refused: too many failed pairings (wrong codes) from this address; '
      + 'wait a minute and check the code' },
  { code: 4007, name: 'idle', exitCode: EXIT.RELAY, explanation: 'the relay ended the transfer: nothing moved for too long' },
].map(Object.freeze));

/**
 * The close codes a peer sends instead of 1000: {code, name, exitCode}. The relay parses no frame
 * between the peers, so a close code is how it learns that a pairing failed, which it counts per
 * address against people guessing codes.
 */
export const PEER_CLOSE_CODES = Object.freeze([
  { code: 4100, name: 'wrong_code', exitCode: EXIT.WRONG_CODE },
].map(Object.freeze));

export const NORMAL_CLOSURE = 1000;
export const WRONG_CODE_CLOSURE = 4100;

export const PEER_LEFT = 4002;
export const ROOM_TAKEN = 4001;
/** Not sent by anyone: the browser's code for a connection that ended without a close frame. */
export const ABNORMAL_CLOSURE = 1006;

/**
 * The code this peer closes with when it stops with `why`: 4100 when the key confirmation failed
 * (its own check, or the peer's `error` wrong_code), else 1000.
 */
export function peerCloseCode(why) {
  return why instanceof TransferError && why.code === 'wrong_code' ? WRONG_CODE_CLOSURE : NORMAL_CLOSURE;
}

/** The relay's close code `code`, or undefined if the relay does not use it. */
export function closeCodeOf(code) {
  return CLOSE_CODES.find((known) => known.code === code);
}

/**
 * The failure of a connection the relay or the network ended with `code` (and the reason text the
 * relay gave, which is for people and may change).
 */
export function closeError(code, reason = '') {
  const known = closeCodeOf(code);
  const detail = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : '';
  if (known !== undefined) {
    return new TransferError(known.exitCode, known.explanation + (detail ? ' (' + detail + ')' : ''),
      { closeCode: code });
  }
  if (code === ABNORMAL_CLOSURE) {
    return new TransferError(EXIT.RELAY, 'lost the connection to the relay (the network or the relay dropped it)',
      { closeCode: code });
  }
  return new TransferError(EXIT.RELAY, 'the relay closed the connection (code ' + code + (detail ? ': ' + detail : '')
    + ')', { closeCode: code });
}
