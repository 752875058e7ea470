// One peer's connection to the relay over the browser's WebSocket (docs/protocol.md §2), as the
// Java client's RelayConnection: waits for the relay's signals, then carries the peers' frames.
//
// The channel interface the transfer uses (also SealedChannel's, and the tests' fakes):
//   sendText(text) → Promise        sendBinary(Uint8Array) → Promise
//   receive() → Promise<{text} | {binary: Uint8Array}>, rejects with a TransferError once the
//                                   connection has ended and every earlier frame was read
//   poll() → {text} | {binary} | null (synchronously what has arrived; throws like receive)
//   close() → Promise
import { EXIT, TransferError } from '../protocol/errors.js';
import { ROOM_TAKEN, closeError, peerCloseCode } from './closecodes.js';
import { Inbox } from './inbox.js';
import { StreamSocket } from './stream-socket.js';

/**
 * A send waits while the socket holds more than this many bytes not yet written: the browser's
 * WebSocket queues without limit, so without the wait a fast disk would pile a whole file into
 * memory when the network is slower. 4 MiB is a few chunks: enough to keep the socket busy.
 */
export const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** How often a waiting send looks at bufferedAmount again: the WebSocket API has no event for it. */
export const POLL_MS = 5;
export const CONNECT_TIMEOUT_MS = 15_000;
/**
 * Frames that may wait unread before a socket that can pause (stream-socket.js) stops reading;
 * it reads again once they are down to half. About 8 MiB of chunks: enough to keep a slow disk
 * busy, little enough to stay small.
 */
export const INBOX_FRAMES = 8;
/** How long close() waits for sends to go out and for the relay's answer. */
export const CLOSE_TIMEOUT_MS = 3_000;
/** How long a failed send waits for the close event, whose code says why the connection ended. */
const CLOSE_EVENT_GRACE_MS = 2_000;
const OPEN = 1;
const CLOSING = 2;

export class RelayConnection {
  #ws;
  #endpoint;
  #highWater;
  #pollMs;
  #inbox = new Inbox();
  #sending = Promise.resolve();
  #opened = false;
  #closed;
  #closing = null;
  #unwatch = () => {};

  /** Use openRelay or connect. */
  constructor(ws, endpoint, { highWaterBytes = HIGH_WATER_BYTES, pollMs = POLL_MS } = {}) {
    this.#ws = ws;
    this.#endpoint = endpoint;
    this.#highWater = highWaterBytes;
    this.#pollMs = pollMs;
    this.#closed = new Promise((resolve) => {
      ws.addEventListener('close', (event) => {
        this.#inbox.end(this.#opened ? closeError(event.code, event.reason) : unreachable(endpoint));
        resolve();
      });
    });
    ws.addEventListener('message', (event) => this.#arrived(event.data));
  }

  /**
   * Opens the WebSocket and resolves once it is open. `options.WebSocket` is the constructor
   * (the browser's by default; tests pass a fake), `options.signal` an AbortSignal that gives up.
   */
  static open(endpoint, options = {}) {
    const { WebSocket = defaultWebSocket(), connectTimeoutMs = CONNECT_TIMEOUT_MS, signal } = options;
    if (typeof WebSocket !== 'function') {
      return Promise.reject(new TransferError(EXIT.RELAY, 'this browser has no WebSocket'));
    }
    let ws;
    try {
      ws = new WebSocket(endpoint); // no subprotocol (§2.1)
    } catch (e) {
      // E.g. a SecurityError: a page loaded over https may not open ws:// connections.
      return Promise.reject(unreachable(endpoint, e));
    }
    ws.binaryType = 'arraybuffer';
    const connection = new RelayConnection(ws, endpoint, options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TransferError(EXIT.RELAY, 'the relay at ' + endpoint + ' did not answer within '
          + connectTimeoutMs / 1000 + ' s'));
        connection.close();
      }, connectTimeoutMs);
      ws.addEventListener('open', () => {
        clearTimeout(timer);
        connection.#opened = true;
        resolve(connection);
      });
      connection.#closed.then(() => {
        clearTimeout(timer);
        reject(connection.#inbox.endError);
      });
      connection.#stopOn(signal);
    });
  }

  /** The endpoint URL. */
  get endpoint() {
    return this.#endpoint;
  }

  /**
   * Opens a connection and waits until the relay pairs it with the other peer (§2.2);
   * `options.onWaiting` runs (awaited) if this peer is the first of its room. `options.signal`
   * gives up until then; once paired, stopping is the transfer's business, which tells the peer
   * why. The connection is closed if pairing fails.
   */
  static async connect(endpoint, options = {}) {
    const relay = await RelayConnection.open(endpoint, options);
    try {
      await relay.awaitPaired(options.onWaiting);
    } catch (e) {
      await relay.close(e);
      throw e;
    }
    relay.detachAbort();
    return relay;
  }

  /**
   * From now on the AbortSignal given to open() no longer closes the connection: once paired,
   * stopping is the transfer's business, which tells the peer why before it closes.
   */
  detachAbort() {
    this.#unwatch();
  }

  /** Closes on abort: every pending and later read or send fails with `cancelled`. */
  #stopOn(signal) {
    if (signal === undefined) {
      return;
    }
    const stop = () => this.close(new TransferError(EXIT.PEER, 'stopped before the other side joined',
      { code: 'cancelled' }));
    if (signal.aborted) {
      stop();
    } else {
      signal.addEventListener('abort', stop, { once: true });
      this.#unwatch = () => signal.removeEventListener('abort', stop);
      this.#closed.then(this.#unwatch);
    }
  }

  #arrived(data) {
    if (this.#inbox.size + 1 >= INBOX_FRAMES) {
      this.#ws.pause?.(); // a WebSocket cannot, and keeps delivering
    }
    if (typeof data === 'string') {
      this.#inbox.push({ text: data });
    } else if (data instanceof ArrayBuffer) {
      this.#inbox.push({ binary: new Uint8Array(data) });
    } else if (ArrayBuffer.isView(data)) {
      this.#inbox.push({ binary: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    } else {
      this.close(new TransferError(EXIT.INTERNAL, 'the WebSocket delivered a frame as ' + typeof data
        + ' instead of an ArrayBuffer'));
    }
  }

  /**
   * The relay's next signal (§2.2): 'waiting' (this peer is the first of its room), 'paired', or
   * 'room_taken' (closed with 4001: the room has a peer of this role already).
   *
   * @throws {TransferError} on any other end of the connection, or a frame that is no signal
   */
  async awaitSignal() {
    let frame;
    try {
      frame = await this.#inbox.take();
    } catch (e) {
      if (e instanceof TransferError && e.closeCode === ROOM_TAKEN) {
        return 'room_taken';
      }
      throw e;
    }
    if (!('text' in frame)) {
      throw new TransferError(EXIT.RELAY, 'the relay sent data before pairing: is ' + this.#endpoint
        + ' a p2p-copy relay?');
    }
    const signal = relaySignal(frame.text);
    if (signal === 'waiting' || signal === 'paired') {
      return signal;
    }
    throw new TransferError(EXIT.RELAY, 'the relay sent an unknown signal: is ' + this.#endpoint + ' a p2p-copy relay?');
  }

  /** Waits for 'paired', calling `onWaiting` (awaited) if the relay says this peer is the first. */
  async awaitPaired(onWaiting = () => {}) {
    for (;;) {
      const signal = await this.awaitSignal();
      if (signal === 'paired') {
        return;
      }
      if (signal === 'room_taken') {
        throw this.#inbox.endError;
      }
      await onWaiting();
    }
  }

  sendText(text) {
    return this.#enqueue(text);
  }

  /** Sends the bytes of `frame` (the browser copies them: the caller may reuse the array afterwards). */
  sendBinary(frame) {
    return this.#enqueue(frame);
  }

  // One send after the other, each waiting for room in the socket's buffer: frames keep their order
  // even when a stop message is sent while a chunk waits.
  #enqueue(data) {
    const sent = this.#sending.then(() => this.#send(data));
    this.#sending = sent.catch(() => {});
    return sent;
  }

  async #send(data) {
    while (this.#ws.readyState === OPEN && this.#ws.bufferedAmount > this.#highWater) {
      await sleep(this.#pollMs);
    }
    if (this.#ws.readyState !== OPEN) {
      throw await this.#sendFailure();
    }
    this.#ws.send(data);
  }

  /** Why a send cannot go out: the close code, which the close event brings soon after the state changes. */
  async #sendFailure() {
    await within(this.#closed, CLOSE_EVENT_GRACE_MS);
    return this.#inbox.endError ?? new TransferError(EXIT.RELAY, 'lost the connection to the relay while sending');
  }

  receive() {
    const next = this.#inbox.take();
    this.#readOnIfRoom();
    return next;
  }

  poll() {
    const next = this.#inbox.poll();
    this.#readOnIfRoom();
    return next;
  }

  #readOnIfRoom() {
    if (this.#inbox.size <= INBOX_FRAMES / 2) {
      this.#ws.resume?.();
    }
  }

  /**
   * Closes: what was sent goes out first (the browser sends the close frame after queued data),
   * then waits briefly for the relay's answer. Reads after this fail with `why`. The close code is
   * 1000, or 4100 when `why` is a wrong code, so that the relay counts a failed pairing (§2.3).
   */
  close(why = new TransferError(EXIT.PEER, 'this side closed the connection to the relay')) {
    if (this.#closing === null) {
      this.#inbox.end(why);
      this.#closing = (async () => {
        await within(this.#sending, CLOSE_TIMEOUT_MS);
        if (this.#ws.readyState < CLOSING) {
          this.#ws.close(peerCloseCode(why));
        }
        await within(this.#closed, CLOSE_TIMEOUT_MS);
      })();
    }
    return this.#closing;
  }
}

/**
 * The browser's WebSocketStream where it has one, so that reading can pause (stream-socket.js);
 * its WebSocket elsewhere.
 */
function defaultWebSocket() {
  if (StreamSocket.available()) {
    return StreamSocket;
  }
  return globalThis.WebSocket;
}

/** Opens a connection to the relay's endpoint; see RelayConnection.open. */
export function openRelay(endpoint, options = {}) {
  return RelayConnection.open(endpoint, options);
}

/**
 * A connection paired with the other peer; see RelayConnection.connect.
 *
 * @throws {TransferError} exit code 3 if the relay cannot be reached or refuses (room taken,
 *     waited too long, ...), code `cancelled` if options.signal aborts first
 */
export function connect(endpoint, options = {}) {
  return RelayConnection.connect(endpoint, options);
}

function unreachable(endpoint, cause) {
  // The browser hides why a WebSocket failed to open (DNS, refused, TLS, HTTP 404 look the same).
  const why = cause === undefined ? 'check the address and that the relay is running (a relay without TLS '
    + 'needs ws:// or http://, and a page loaded over https can only use wss://)' : cause.message;
  return new TransferError(EXIT.RELAY, 'cannot reach the relay at ' + endpoint + ': ' + why, { cause });
}

function relaySignal(text) {
  try {
    const object = JSON.parse(text);
    return typeof object === 'object' && object !== null && typeof object.relay === 'string' ? object.relay : null;
  } catch {
    return null;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise`, but at most `ms`; never rejects. */
function within(promise, ms) {
  let timer;
  return Promise.race([
    promise.then(() => {}, () => {}),
    new Promise((resolve) => { timer = setTimeout(resolve, ms); }),
  ]).finally(() => clearTimeout(timer));
}
