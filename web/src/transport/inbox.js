// The frames that have arrived from the peer and not yet been read, and how the connection ended.
// A browser WebSocket pushes frames as events; the transfer pulls them one at a time, so they wait
// here in order. Frames that arrived before the end are still read before the end is reported: the
// peer's `error` message usually comes just before the relay's close. download/zip.js queues the
// entries of an archive in one too, between the receiver that adds them and the zip that takes them.

export class Inbox {
  #frames = [];
  #waiting = [];
  #end = null;

  /** A frame from the peer, {text} or {binary}; ignored once the end is known. */
  push(frame) {
    if (this.#end !== null) {
      return;
    }
    const reader = this.#waiting.shift();
    if (reader !== undefined) {
      reader.resolve(frame);
    } else {
      this.#frames.push(frame);
    }
  }

  /** No frame follows: every read after the queued frames fails with `error`. The first end counts. */
  end(error) {
    if (this.#end !== null) {
      return;
    }
    this.#end = error;
    for (const reader of this.#waiting.splice(0)) {
      reader.reject(error);
    }
  }

  /** How many frames wait to be read. */
  get size() {
    return this.#frames.length;
  }

  /** How the connection ended, or null while it is open. */
  get endError() {
    return this.#end;
  }

  /** The next frame; waits until there is one, rejects with the end error after the last. */
  take() {
    if (this.#frames.length > 0) {
      return Promise.resolve(this.#frames.shift());
    }
    if (this.#end !== null) {
      return Promise.reject(this.#end);
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** The next frame if one has arrived, else null; throws the end error after the last. */
  poll() {
    if (this.#frames.length > 0) {
      return this.#frames.shift();
    }
    if (this.#end !== null) {
      throw this.#end;
    }
    return null;
  }
}
