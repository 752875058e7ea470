// The peers' frames once the handshake has agreed on keys (docs/protocol.md §7.3), as the Java
// client's SealedChannel: every control message and chunk goes out as one sealed binary frame, and
// every frame that comes in is opened and handed on as the text or chunk it carried. The transfer
// above sees the same frames as without encryption; the relay sees only sizes and timing.
import { ProtocolError } from '../protocol/errors.js';
import { CHUNK } from '../protocol/sealed.js';
import { openerFor, sealerFor } from '../protocol/keyexchange.js';

/** How long close() waits for frames still being sealed or sent, e.g. the `error` of a stop. */
const CLOSE_WAIT_MS = 3_000;

export class SealedChannel {
  #channel;
  #sealer;
  #opener;
  #sending = Promise.resolve();

  /** Over `channel` (the relay connection), with a Sealer for what goes out and an Opener for what comes in. */
  constructor(channel, sealer, opener) {
    this.#channel = channel;
    this.#sealer = sealer;
    this.#opener = opener;
  }

  /** The sealed channel of `self` ('sender' or 'receiver') with the traffic keys {keyS2R, keyR2S}. */
  static async create(channel, self, keys) {
    const [sealer, opener] = await Promise.all([sealerFor(self, keys), openerFor(self, keys)]);
    return new SealedChannel(channel, sealer, opener);
  }

  sendText(text) {
    return this.#send(() => this.#sealer.sealText(text));
  }

  sendBinary(frame) {
    return this.#send(() => this.#sealer.sealChunk(frame));
  }

  // Sealed and sent one after the other in the order of the calls: each frame's records take the
  // next counters, so the frames must reach the relay in that order too.
  #send(seal) {
    const sent = this.#sending.then(async () => this.#channel.sendBinary(await seal()));
    this.#sending = sent.catch(() => {});
    return sent;
  }

  /**
   * The next frame, opened: {text} or {binary} (a chunk frame).
   *
   * @throws {ProtocolError} code 'integrity' for a frame in clear or one that does not open; every
   *     later frame then fails too: nothing more from the peer can be trusted
   * @throws {TransferError} when the connection has ended
   */
  async receive() {
    return this.#open(await this.#channel.receive());
  }

  /** A frame that has arrived already, opened, or null. */
  async poll() {
    const frame = this.#channel.poll();
    return frame === null ? null : this.#open(frame);
  }

  async #open(frame) {
    let opened;
    try {
      opened = await this.#opener.open('text' in frame ? frame.text : frame.binary);
    } catch (e) {
      if (e instanceof ProtocolError) {
        throw new ProtocolError(e.code, e.message + '; stopped, and nothing unverified was kept');
      }
      throw e;
    }
    return opened.kind === CHUNK ? { binary: opened.body } : { text: opened.text };
  }

  /** Closes once the frames already handed over are sealed and sent (at most a few seconds). */
  async close(why) {
    let timer;
    await Promise.race([this.#sending, new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MS); })]);
    clearTimeout(timer);
    return this.#channel.close(why);
  }
}
