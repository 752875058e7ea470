// A stand-in for the browser's WebSocket, driven by the test: it opens, delivers frames and closes
// when told, records what is sent, and lets the test set bufferedAmount. Not a test file itself.

/** A fresh WebSocket class whose instances are listed in `sockets`, newest last. */
export function fakeWebSocket({ throwOnConstruct = null } = {}) {
  const sockets = [];

  class FakeWebSocket extends EventTarget {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;

    constructor(url, protocols) {
      super();
      if (throwOnConstruct !== null) {
        throw throwOnConstruct;
      }
      this.url = url;
      this.protocols = protocols;
      this.readyState = 0;
      this.bufferedAmount = 0;
      this.binaryType = 'blob';
      /** What the page sent: strings, and copies of binary frames as Uint8Arrays. */
      this.sent = [];
      /** The close() calls of the page: [code, reason]. */
      this.closeCalls = [];
      sockets.push(this);
    }

    send(data) {
      if (this.readyState === 0) {
        throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
      }
      if (this.readyState !== 1) {
        return; // as browsers do: data sent on a closing socket is dropped
      }
      this.sent.push(typeof data === 'string' ? data : Uint8Array.from(data));
    }

    close(code, reason) {
      this.closeCalls.push([code, reason]);
      if (this.readyState < 2) {
        this.readyState = 2;
        setTimeout(() => this.closeNow(code ?? 1005, ''), 0); // the relay answers the close frame
      }
    }

    // The test's side: the relay and the network.

    open() {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }

    /** A frame from the relay: a string, or bytes (delivered as an ArrayBuffer, as binaryType asks). */
    deliver(data) {
      const event = new Event('message');
      event.data = typeof data === 'string' ? data : Uint8Array.from(data).buffer;
      this.dispatchEvent(event);
    }

    closeNow(code, reason = '') {
      if (this.readyState === 3) {
        return;
      }
      this.readyState = 3;
      const event = new Event('close');
      Object.assign(event, { code, reason, wasClean: code !== 1006 });
      this.dispatchEvent(event);
    }

    /** The connection fails: error, then close 1006, as browsers report it. */
    fail() {
      this.dispatchEvent(new Event('error'));
      this.closeNow(1006);
    }
  }

  return { WebSocket: FakeWebSocket, sockets };
}

/** Resolves after the pending promise jobs and timers of `ms` milliseconds have run. */
export function tick(ms = 0) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
