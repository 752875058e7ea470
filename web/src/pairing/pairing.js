// Meets the other peer in a room of the relay, as the Java client's Pairing: under a code the user
// typed, or, for a sender, under a new code in a room that is free.
import { ATTEMPTS, DEFAULT_WORDS, generateCode, parseCode } from '../protocol/code.js';
import { EXIT, TransferError } from '../protocol/errors.js';
import { relayEndpoint } from '../transport/address.js';
import { connect, openRelay } from '../transport/relay.js';

const OTHER = Object.freeze({ sender: 'receiver', receiver: 'sender' });

/**
 * A connection paired with the other peer under the code the user typed.
 *
 * @param server the relay address as typed (address.js)
 * @param code the code as typed, or as parseCode returns it
 * @param role 'sender' or 'receiver'
 * @param options.onStatus (message), options.onWarning (message), options.onWaiting () while the
 *     other side has not come yet; options.signal (AbortSignal) gives up; options.WebSocket for tests
 * @throws {UsageError} a code or address that is refused before connecting (exit code 2)
 * @throws {TransferError} exit code 3 (relay unreachable, room taken, waited too long), or code
 *     `cancelled` on abort
 */
export async function pair(server, code, role, options = {}) {
  const { onStatus = () => {}, onWarning = () => {}, onWaiting = () => {} } = options;
  const parsed = typeof code === 'string' ? parseCode(code) : code;
  const endpoint = relayEndpoint(server, parsed.room, role);
  if (!parsed.hasSecret) {
    onWarning("the code has no '-', so the relay sees all of it and could pose as the other side; in codes like "
      + "7-crayon-orbit only the part before the first '-' reaches the relay");
  }
  onStatus('connecting to ' + endpoint);
  const relay = await connect(endpoint, {
    ...options,
    onWaiting: async () => {
      onStatus('waiting for the ' + OTHER[role] + ' to join room ' + parsed.room);
      await onWaiting();
    },
  });
  onStatus('paired');
  return relay;
}

/**
 * Claims a free room for a new code as the sender, tells the page the code once the room is ours
 * (`options.onCode(code)`, the text to show), and waits for the receiver. A room that is taken, or
 * where a receiver already waits (nobody can know a code that did not exist yet), is left for
 * another number. Returns {code (as parseCode returns it), relay}.
 *
 * @param wordList the 2048 words (code.js readWordList)
 * @param options.words words per code (2 to 8), options.randomSource for tests; the other options
 *     as pair's
 * @throws {TransferError} exit code 3 when no room was free after code.js's ATTEMPTS
 */
export async function pairWithNewCode(server, wordList, options = {}) {
  const { words = DEFAULT_WORDS, randomSource, onCode = () => {}, onStatus = () => {}, onWaiting = () => {} } = options;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const code = generateCode(words, wordList, randomSource, attempt); // undefined: crypto.getRandomValues
    const endpoint = relayEndpoint(server, code.room, 'sender');
    if (attempt === 0) {
      onStatus('connecting to ' + endpoint);
    }
    const relay = await openRelay(endpoint, options);
    let claimed = false;
    try {
      if (await relay.awaitSignal() === 'waiting') {
        claimed = true;
        onCode(code.password);
        onStatus('waiting for the receiver to join room ' + code.room);
        await onWaiting();
        await relay.awaitPaired();
        relay.detachAbort();
        onStatus('paired');
        return { code, relay };
      }
    } catch (e) {
      claimed = false;
      throw e;
    } finally {
      if (!claimed) {
        await relay.close();
      }
    }
  }
  throw new TransferError(EXIT.RELAY, 'found no free room on the relay after ' + ATTEMPTS + ' attempts: is it overloaded?');
}
