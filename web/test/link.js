// Two peers' channels joined in memory, standing in for the relay, as the Java tests' Link: it
// forwards every frame, records the bytes of each (what a relay operator could read), and may alter
// or drop frames on the way, as a hostile relay could. When one end closes, the other hears 4002,
// as from the real relay. Not a test file itself.
import { Inbox } from '../src/transport/inbox.js';
import { closeError, peerCloseCode } from '../src/transport/closecodes.js';
import { EXIT, TransferError } from '../src/protocol/errors.js';

const ENCODER = new TextEncoder();

export class Link {
  /** Every frame that passed, both ways: {from, text} or {from, binary}, and its bytes (text in UTF-8). */
  recorded = [];

  /**
   * `toReceiver` and `toSender` see each frame ({text} or {binary}) after it is recorded and return
   * what the other end gets instead, or null to drop it.
   */
  constructor({ toReceiver = (frame) => frame, toSender = (frame) => frame, stallMs = 10_000 } = {}) {
    this.sender = new LinkEnd(this, 'sender', toReceiver, stallMs);
    this.receiver = new LinkEnd(this, 'receiver', toSender, stallMs);
    this.sender.peer = this.receiver;
    this.receiver.peer = this.sender;
  }
}

class LinkEnd {
  inbox = new Inbox();
  closed = false;
  /** The close code this end would send the relay, as relay.js chooses it; null until closed. */
  closeCode = null;
  peer = null;

  constructor(link, name, change, stallMs) {
    this.link = link;
    this.name = name;
    this.change = change;
    this.stallMs = stallMs;
  }

  async sendText(text) {
    this.#forward({ text }, ENCODER.encode(text));
  }

  async sendBinary(frame) {
    const copy = Uint8Array.from(frame); // the sender may reuse its array
    this.#forward({ binary: Uint8Array.from(copy) }, copy);
  }

  #forward(frame, bytes) {
    if (this.inbox.endError !== null) {
      throw this.inbox.endError; // closed here, or the relay closed this end because the peer left
    }
    this.link.recorded.push({ from: this.name, ...frame, bytes });
    const changed = this.change(frame);
    if (changed !== null) {
      this.peer.inbox.push(changed);
    }
  }

  receive() {
    let timer;
    const stall = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no frame for ' + this.stallMs + ' ms: the peers wait for each other')),
        this.stallMs);
    });
    return Promise.race([this.inbox.take(), stall]).finally(() => clearTimeout(timer));
  }

  poll() {
    return this.inbox.poll();
  }

  /** This peer is done: the relay would tell the other that it left. */
  async close(why) {
    if (!this.closed) {
      this.closed = true;
      this.closeCode = peerCloseCode(why);
      this.inbox.end(new TransferError(EXIT.PEER, 'this side closed the connection to the relay'));
      this.peer.inbox.end(closeError(4002, 'the other peer left'));
    }
  }
}
