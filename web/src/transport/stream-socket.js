// The part of the WebSocket interface that relay.js uses, over the browser's WebSocketStream where
// it has one (Chromium). The difference that matters: a WebSocket hands every frame over as an
// event the moment it arrives, so a page that writes slower than the network must hold the
// difference; a WebSocketStream is read only when asked, and a paused socket stops asking, so the
// network, the relay and finally the sender slow down instead (the relay's backpressure).
//
// Events as a WebSocket's: open; message (event.data a string or an ArrayBuffer); close (event.code,
// event.reason). Besides: pause() and resume() of reading.

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** Close code for a connection that ended without a close frame (RFC 6455 §7.1.5). */
const ABNORMAL = 1006;

export class StreamSocket extends EventTarget {
  readyState = CONNECTING;
  /** Bytes handed to send() and not yet taken by the stream, as a WebSocket counts them. */
  bufferedAmount = 0;
  binaryType = 'arraybuffer';
  #stream;
  #writer = null;
  #paused = false;
  #resume = null;

  /** @param WebSocketStream the constructor; the browser's by default */
  constructor(url, WebSocketStream = globalThis.WebSocketStream) {
    super();
    this.url = url;
    this.#stream = new WebSocketStream(url); // no subprotocol (docs/protocol.md §2.1)
    this.#stream.opened.then(({ readable, writable }) => {
      this.#writer = writable.getWriter();
      this.readyState = OPEN;
      this.dispatchEvent(new Event('open'));
      this.#read(readable.getReader());
    }, () => {}); // reported by `closed`, which rejects as well
    this.#stream.closed.then(
      ({ closeCode, reason } = {}) => this.#closed(closeCode ?? 1005, reason ?? ''),
      (e) => this.#closed(e?.closeCode ?? ABNORMAL, e?.reason ?? ''));
  }

  /** True where the browser has a WebSocketStream to build on. */
  static available(scope = globalThis) {
    return typeof scope.WebSocketStream === 'function';
  }

  async #read(reader) {
    try {
      for (;;) {
        while (this.#paused) {
          await new Promise((resolve) => {
            this.#resume = resolve;
          });
        }
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        const event = new Event('message');
        event.data = typeof value === 'string' || value instanceof ArrayBuffer ? value
          : value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
        this.dispatchEvent(event);
      }
    } catch {
      // The connection ended; `closed` says how.
    }
  }

  /** Stops reading frames: they wait in the network until resume(). */
  pause() {
    this.#paused = true;
  }

  resume() {
    this.#paused = false;
    this.#resume?.();
    this.#resume = null;
  }

  send(data) {
    if (this.readyState === CONNECTING) {
      throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    }
    if (this.readyState !== OPEN) {
      return; // as a WebSocket does: data sent on a closing socket is dropped
    }
    // Copied, as WebSocket.send does: the caller may reuse its array once send returns.
    const frame = typeof data === 'string' ? data
      : new Uint8Array(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength).slice();
    const size = typeof data === 'string' ? new TextEncoder().encode(data).length : frame.byteLength;
    this.bufferedAmount += size;
    this.#writer.write(frame).then(
      () => { this.bufferedAmount -= size; },
      () => {}); // the connection ended; `closed` says how
  }

  close(code, reason = '') {
    if (this.readyState >= CLOSING) {
      return;
    }
    this.readyState = CLOSING;
    this.resume(); // a paused reader would keep the closing handshake from being read
    this.#stream.close(code === undefined ? undefined : { closeCode: code, reason });
  }

  #closed(code, reason) {
    if (this.readyState === CLOSED) {
      return;
    }
    this.readyState = CLOSED;
    this.resume();
    const event = new Event('close');
    Object.assign(event, { code, reason, wasClean: code !== ABNORMAL });
    this.dispatchEvent(event);
  }
}
