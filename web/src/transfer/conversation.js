// The part of the protocol both peers share (docs/protocol.md §4.1, §4.6), as the Java client's
// Conversation: the handshake, reading frames as messages, and stopping with an `error` message
// that tells the other side why, so that both report the same cause.
import { ENCRYPTION, VERSION, decode, encode } from '../protocol/codec.js';
import { checkPeerHello, startKeyExchange } from '../protocol/keyexchange.js';
import { parseCode } from '../protocol/code.js';
import { EXIT, ProtocolError, TransferError, errorCodeFromWire, exitCodeOf, printable } from '../protocol/errors.js';
import { fromHex, toHex } from '../protocol/bytes.js';
import { SealedChannel } from '../transport/sealed-channel.js';

/** hello.software of the page. */
export const SOFTWARE = 'p2p-copy-web';
const OTHER = Object.freeze({ sender: 'receiver', receiver: 'sender' });

export class Conversation {
  #channel;
  #code;
  #self;
  #secret;
  #software;
  #agreed = [];
  #cancelled = null;
  #cancelling = Promise.resolve();
  #rejectCancelled;

  /**
   * @param channel the relay connection, paired (relay.js), or any object with its interface
   * @param code the code as typed (a string) or as parseCode returns it
   * @param self 'sender' or 'receiver'
   * @param options.secret the SPAKE2 secret, for test vectors only (random otherwise)
   * @param options.software what hello.software says
   */
  constructor(channel, code, self, { secret = undefined, software = SOFTWARE } = {}) {
    if (!Object.hasOwn(OTHER, self)) {
      throw new TypeError("self is 'sender' or 'receiver'");
    }
    this.#channel = channel;
    this.#code = typeof code === 'string' ? parseCode(code) : code;
    this.#self = self;
    this.#secret = secret;
    this.#software = software;
    // Rejects when the user stops: something that waits on the page (an offer) races it.
    this.cancellation = new Promise((resolve, reject) => { this.#rejectCancelled = reject; });
    this.cancellation.catch(() => {});
  }

  /** The peer's frames: sealed ones once the handshake has switched encryption on. */
  get channel() {
    return this.#channel;
  }

  get other() {
    return OTHER[this.#self];
  }

  /**
   * The handshake (§4.1): hellos carrying SPAKE2 shares and capabilities, then each side's key
   * confirmation. Nothing about the transfer moves before both MACs check out.
   *
   * @param capabilities what this side offers; ENCRYPTION among them asks for sealed frames
   * @returns whether the frames from here on are sealed: both sides offered encryption
   */
  async handshake(capabilities) {
    const exchange = await startKeyExchange(this.#self, this.#code.password, this.#secret);
    await this.send({ type: 'hello', version: VERSION, role: this.#self, capabilities, spake2: toHex(exchange.share),
      software: this.#software });
    const hello = await this.expect('hello');
    checkPeerHello(hello, this.#self);
    const [senderCapabilities, receiverCapabilities] = this.#self === 'sender'
      ? [capabilities, hello.capabilities] : [hello.capabilities, capabilities];
    let confirmation;
    try {
      confirmation = await exchange.finish(fromHex(hello.spake2), senderCapabilities, receiverCapabilities);
    } catch (e) {
      throw e instanceof ProtocolError
        ? new ProtocolError('protocol', 'the ' + this.other + "'s key share is not valid: " + e.message) : e;
    }
    await this.send({ type: 'confirm', mac: toHex(confirmation.mac) });
    const confirm = await this.expect('confirm');
    const keys = await confirmation.confirm(fromHex(confirm.mac));
    if (keys === null) {
      throw new ProtocolError('wrong_code', 'wrong code or tampering: the ' + this.other + ' did not prove that it '
        + 'knows the code for room ' + this.#code.room + '; check that both sides typed the same code (nothing was sent)');
    }
    this.#agreed = capabilities.filter((capability) => hello.capabilities.includes(capability));
    const sealed = this.agreed(ENCRYPTION);
    if (sealed) {
      this.#channel = await SealedChannel.create(this.#channel, this.#self, keys);
    }
    return sealed;
  }

  /** Whether both hellos listed `capability`: false before the handshake has checked them. */
  agreed(capability) {
    return this.#agreed.includes(capability);
  }

  async send(message) {
    await this.#sending(() => this.#channel.sendText(encode(message)));
  }

  /** Sends a chunk frame (§3.2). */
  async sendChunk(frame) {
    await this.#sending(() => this.#channel.sendBinary(frame));
  }

  async #sending(send) {
    try {
      await send();
    } catch (e) {
      throw await this.explainSendFailure(e);
    }
  }

  /** The next control message, which must be of `type`; anything else is a `protocol` error. */
  async expect(type) {
    const message = await this.receiveMessage();
    if (message.type !== type) {
      throw new ProtocolError('protocol', 'expected ' + type + ', got ' + message.type);
    }
    return message;
  }

  /** The next control message; a chunk here is out of place. */
  async receiveMessage() {
    const next = await this.receive();
    if (next instanceof Uint8Array) {
      throw new ProtocolError('protocol', 'a chunk arrived where a control message was expected');
    }
    return next;
  }

  /** The next control message (decoded) or chunk frame (a Uint8Array); the peer's `error` is thrown. */
  receive() {
    return this.#unwrap(() => this.#channel.receive());
  }

  /** A message or chunk that has arrived already, or null: for hearing the peer while sending. */
  poll() {
    return this.#unwrap(() => this.#channel.poll());
  }

  async #unwrap(read) {
    // A sealed frame that failed to open (ProtocolError) and the end of the connection
    // (TransferError) go up as they are.
    const frame = await read();
    if (frame === null) {
      return null;
    }
    if ('binary' in frame) {
      return frame.binary;
    }
    const message = decode(frame.text);
    if (message.type === 'error') {
      throw new TransferError(exitCodeOf(message.code), 'the ' + this.other + ' stopped: ' + printable(message.message),
        { code: errorCodeFromWire(message.code), byPeer: true });
    }
    return message;
  }

  /**
   * Tells the peer why this side stops, and returns the failure to report locally. The peer is told
   * first, so that both report the same cause; if it is gone already, the local cause still counts.
   */
  async stop(problem) {
    try {
      await this.#channel.sendText(encode({ type: 'error', code: problem.code, message: problem.message }));
    } catch {
      // The peer or the connection is gone.
    }
    return this.#cancelled ?? TransferError.of(problem);
  }

  /**
   * What a transfer that threw `error` reports: the user's stop if there was one; a TransferError as
   * it is; a ProtocolError after telling the peer; anything else as an internal error (a bug).
   */
  async failure(error) {
    if (this.#cancelled !== null) {
      await this.#cancelling; // the peer hears why before the connection closes
      return this.#cancelled;
    }
    if (error instanceof TransferError) {
      return error;
    }
    if (error instanceof ProtocolError) {
      return this.stop(error);
    }
    return new TransferError(EXIT.INTERNAL, 'internal error of the page (please report it): ' + error, { cause: error });
  }

  /**
   * A send fails when the connection has ended, usually because the peer stopped: the peer's error
   * or the relay's close code, still waiting to be read, says more than the broken send.
   */
  async explainSendFailure(sendFailure) {
    for (;;) {
      let next;
      try {
        next = await this.poll();
      } catch (better) {
        return this.#cancelled ?? (better instanceof TransferError ? better : sendFailure);
      }
      if (next === null) {
        return this.#cancelled ?? sendFailure;
      }
    }
  }

  /** Whether the user stopped the transfer. */
  get cancelled() {
    return this.#cancelled !== null;
  }

  /**
   * The user stops: the peer is told (`cancelled`) and the connection closed, so that whatever the
   * transfer waits for fails and it ends with code `cancelled`.
   */
  cancel() {
    if (this.#cancelled === null) {
      this.#cancelled = new TransferError(EXIT.PEER, 'stopped: you cancelled the transfer', { code: 'cancelled' });
      this.#rejectCancelled(this.#cancelled);
      this.#cancelling = (async () => {
        await this.stop(new ProtocolError('cancelled', 'the ' + this.#self + ' cancelled the transfer'));
        await this.#channel.close(this.#cancelled);
      })();
    }
    return this.#cancelling;
  }

  /**
   * Runs `body` as a whole transfer, the same way for both sides: stops it when `signal`
   * aborts, turns whatever ended it into a TransferError, and closes the connection in any case.
   */
  async runToEnd(signal, body) {
    const unwatch = this.cancelOn(signal);
    let failure;
    try {
      return await body();
    } catch (e) {
      failure = await this.failure(e);
      throw failure;
    } finally {
      unwatch();
      await this.channel.close(failure); // a wrong code closes with its own code (relay.js)
    }
  }

  /** Cancels when `signal` (an AbortSignal, optional) aborts; returns a function that stops watching. */
  cancelOn(signal) {
    if (signal === undefined || signal === null) {
      return () => {};
    }
    const cancel = () => { this.cancel(); };
    if (signal.aborted) {
      cancel();
      return () => {};
    }
    signal.addEventListener('abort', cancel, { once: true });
    return () => signal.removeEventListener('abort', cancel);
  }
}
