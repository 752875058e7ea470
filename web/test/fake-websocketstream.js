// A stand-in for the browser's WebSocketStream, driven by the test: it opens or fails when told,
// hands out frames only as they are read (counting the reads), records what is written, and
// closes with a code. Not a test file itself.

/** A fresh WebSocketStream class whose instances are listed in `streams`, newest last. */
export function fakeWebSocketStream() {
  const streams = [];

  class FakeWebSocketStream {
    /** Frames delivered by the test and not yet read. */
    #frames = [];
    #wake = null;
    #open;
    #refuse;
    #close;
    #fail;

    constructor(url) {
      this.url = url;
      /** How often the socket asked for a frame. */
      this.reads = 0;
      /** What was written: strings and Uint8Arrays. */
      this.sent = [];
      this.closeCalls = [];
      this.opened = new Promise((resolve, reject) => {
        this.#open = resolve;
        this.#refuse = reject;
      });
      this.closed = new Promise((resolve, reject) => {
        this.#close = resolve;
        this.#fail = reject;
      });
      this.opened.catch(() => {});
      this.closed.catch(() => {});
      streams.push(this);
    }

    close(info) {
      this.closeCalls.push(info);
      this.closeNow(info?.closeCode ?? 1005, info?.reason ?? '');
    }

    // The test's side.

    open() {
      const frames = this.#frames;
      const stream = this;
      const readable = new ReadableStream({
        async pull(controller) {
          stream.reads += 1;
          while (frames.length === 0) {
            await new Promise((resolve) => {
              stream.#wake = resolve;
            });
          }
          controller.enqueue(frames.shift());
        },
      }, { highWaterMark: 0 });
      const writable = new WritableStream({
        write: (chunk) => {
          this.sent.push(chunk);
        },
      });
      this.#open({ readable, writable, extensions: '', protocol: '' });
    }

    /** A frame from the relay: a string, or bytes as a Uint8Array (as Chromium gives them). */
    deliver(data) {
      this.#frames.push(typeof data === 'string' ? data : Uint8Array.from(data));
      this.#wake?.();
    }

    closeNow(closeCode, reason = '') {
      this.#close({ closeCode, reason });
    }

    /** The connection fails: before it opened, or later. */
    fail() {
      const error = Object.assign(new Error('WebSocket connection failed'), { closeCode: 1006, reason: '' });
      this.#refuse(error);
      this.#fail(error);
    }
  }

  return { WebSocketStream: FakeWebSocketStream, streams };
}
