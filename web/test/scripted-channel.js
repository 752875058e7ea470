// A scripted peer in place of the relay connection, as the Java tests' ScriptedChannel. The script
// lists what the peer sends, each frame held back until the side under test has sent a given number
// of frames, the way a real peer answers only what it has received; without that, a sender would
// find the receiver's final ack while it polls between chunks. Everything the side under test
// sends is recorded. Not a test file itself.
import { closeError, peerCloseCode } from '../src/transport/closecodes.js';

export class ScriptedChannel {
  #script = [];
  #next = 0;
  /** What the side under test sent, in order: {text} or {binary} (a copy). */
  sent = [];
  closed = false;
  /** The close code the side under test would send the relay, as relay.js chooses it; null until closed. */
  closeCode = null;

  /** The peer sends `frame` ({text} or {binary}) once the side under test has sent `ownFrames` frames. */
  whenSent(ownFrames, frame) {
    this.#script.push({ afterSent: ownFrames, frame });
    return this;
  }

  async sendText(text) {
    this.sent.push({ text });
  }

  async sendBinary(frame) {
    this.sent.push({ binary: Uint8Array.from(frame) });
  }

  poll() {
    if (this.#next < this.#script.length && this.sent.length >= this.#script[this.#next].afterSent) {
      return this.#script[this.#next++].frame;
    }
    return null;
  }

  async receive() {
    if (this.#next === this.#script.length) {
      // The script is over: the peer leaves, as the relay would report it.
      throw closeError(4002, 'the scripted peer has nothing more to send');
    }
    const frame = this.poll();
    if (frame === null) {
      const step = this.#script[this.#next];
      throw new Error('deadlock: the side under test waits for the peer, whose next frame follows only the side\'s '
        + 'frame number ' + step.afterSent + '; it sent ' + this.sent.length);
    }
    return frame;
  }

  async close(why) {
    this.closed = true;
    this.closeCode = peerCloseCode(why);
  }
}
