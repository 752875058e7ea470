// A byte stream from the page to its service worker over a MessagePort: the page writes
// (PipeWriter), the worker turns what arrives into the body of a download (pipeReadable). The
// browser's download manager reads that body at the pace of the disk, and the worker passes its
// pace back as acknowledgements, so a page that receives faster than the disk writes waits instead
// of filling memory: at most QUEUED + WINDOW chunks are ever between the two.
//
// Messages, page → worker: {chunk: Uint8Array} | {end: true} | {error: message}
//           worker → page: {held: true} | {started: true} | {ack: true} | {cancelled: reason}
// `held`: the worker keeps the pipe and will serve it when the browser asks (pipeHeld); only then
// may the page ask the browser for it, because a worker's messages and the browser's requests
// reach it in no fixed order.

/** Chunks the worker's stream holds for the reader before it stops acknowledging. */
export const QUEUED = 4;

/** Chunks the page may send ahead of the worker's acknowledgements. */
export const WINDOW = 2;

/**
 * The worker's half: a stream of what the page writes into `port`. Each chunk is acknowledged once
 * the stream has room for it, at once or when the reader next takes one. The page learns it has
 * started (`started`) and that the reader gave up (`cancelled`: the user cancelled the download).
 */
export function pipeReadable(port, queued = QUEUED) {
  let owed = 0;
  return new ReadableStream({
    start(controller) {
      port.onmessage = ({ data }) => {
        if (data.chunk) {
          controller.enqueue(data.chunk);
          if (controller.desiredSize > 0) {
            port.postMessage({ ack: true });
          } else {
            owed += 1;
          }
        } else if (data.end) {
          controller.close();
          port.close();
        } else if (data.error !== undefined) {
          controller.error(new Error(String(data.error)));
          port.close();
        }
      };
      port.postMessage({ started: true });
    },
    pull() {
      if (owed > 0) {
        owed -= 1;
        port.postMessage({ ack: true });
      }
    },
    cancel(reason) {
      port.postMessage({ cancelled: String(reason ?? 'cancelled') });
      port.close();
    },
  }, new CountQueuingStrategy({ highWaterMark: queued }));
}

/** The worker's word that it holds the pipe `port` and will serve it. */
export function pipeHeld(port) {
  port.postMessage({ held: true });
}

/** The reader gave up: in a browser, the user cancelled the download. */
export class PipeCancelled extends Error {
  constructor(reason) {
    super('the download was cancelled' + (reason && reason !== 'cancelled' ? ' (' + reason + ')' : ''));
    this.name = 'PipeCancelled';
  }
}

/** The page's half: writes into `port` no faster than the worker acknowledges. */
export class PipeWriter {
  #port;
  #window;
  #inFlight = 0;
  #wake = null;
  #failure = null;
  #done = false;
  #held;
  #started;

  constructor(port, window = WINDOW) {
    this.#port = port;
    this.#window = window;
    let held;
    this.#held = new Promise((resolve) => {
      held = resolve;
    });
    let started;
    this.#started = new Promise((resolve) => {
      started = resolve;
    });
    port.onmessage = ({ data }) => {
      if (data.ack) {
        this.#inFlight -= 1;
      } else if (data.held) {
        held();
      } else if (data.started) {
        started();
      } else if (data.cancelled !== undefined) {
        this.#failure = new PipeCancelled(data.cancelled);
        this.#done = true;
        port.close();
      }
      this.#wake?.();
    };
  }

  /** Resolves with true once the worker holds the pipe, or with false after `ms` without it. */
  held(ms) {
    return within(this.#held, ms);
  }

  /** Resolves with true once the worker reads the pipe, or with false after `ms` without it. */
  started(ms) {
    return within(this.#started, ms);
  }

  /**
   * Sends a copy of the bytes; resolves when more may follow. A copy, because the caller may still
   * read what it wrote (client-zip counts a chunk's length after handing it on), and moving a buffer
   * would empty it under the caller; the copy is then moved, not copied again.
   */
  async write(bytes) {
    while (this.#inFlight >= this.#window && this.#failure === null) {
      await new Promise((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = null;
    }
    if (this.#failure !== null) {
      throw this.#failure;
    }
    if (this.#done) {
      throw new Error('the pipe is closed');
    }
    const own = bytes.slice();
    this.#inFlight += 1;
    this.#port.postMessage({ chunk: own }, [own.buffer]);
  }

  /** Ends the stream: the reader gets everything written, then its end. */
  async close() {
    if (this.#failure !== null) {
      throw this.#failure;
    }
    this.#finish({ end: true });
  }

  /** Fails the stream: the reader gets an error instead of its end (the download fails). */
  abort(reason) {
    this.#finish({ error: String(reason?.message ?? reason ?? 'aborted') });
  }

  #finish(message) {
    if (!this.#done) {
      this.#done = true;
      this.#port.postMessage(message);
      this.#port.close();
    }
  }
}

/** true once `promise` resolves, false if `ms` pass first. */
function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}
