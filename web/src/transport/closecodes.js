// The relay's close codes (docs/protocol.md §2.3) and what the page tells its user about each, as
// the Java client's RelayCloseCode; checked against docs/vectors/close-codes.json.
import { EXIT, TransferError } from '../protocol/errors.js';

/** Every close code the relay uses: {code, name, exitCode, explanation}. */
export const CLOSE_CODES = Object.freeze([
  { code: 1001, name: 'going_away', exitCode: EXIT.RELAY, explanation: 'the relay is shutting down' },
  { code: 1009, name: 'frame_too_large', exitCode: EXIT.RELAY, explanation: 'the relay refused a frame as too large' },
  { code: 4000, name: 'bad_request', exitCode: EXIT.RELAY, explanation: 'the relay refused the request' },
  { code: 4001, name: 'room_taken', exitCode: EXIT.RELAY,
    explanation: 'someone else is already using this code: pick another code' },
  { code: 4002, name: 'peer_left', exitCode: EXIT.PEER,
    explanation: 'the other side left before the transfer was complete' },
  { code: 4003, name: 'waited_too_long', exitCode: EXIT.RELAY,
    explanation: 'nobody joined with this code in time: the relay stopped waiting' },
  { code: 4004, name: 'unsupported_version', exitCode: EXIT.RELAY,
    explanation: "the relay does not speak this page's protocol version" },
].map(Object.freeze));

export const PEER_LEFT = 4002;
export const ROOM_TAKEN = 4001;
/** Not sent by anyone: the browser's code for a connection that ended without a close frame. */
export const ABNORMAL_CLOSURE = 1006;

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
