// Starting downloads that the page writes as it goes, through its service worker (worker.js):
// the page announces a download with one end of a MessageChannel, points a hidden frame at
// download/ID, and the worker answers that request with the other end's stream (pipe.js).

import { PipeWriter } from './pipe.js';

/** How long the browser may take to ask the worker for an announced download. */
const START_MS = 15_000;

/** How often a page with a download under way wakes its worker. */
const KEEP_ALIVE_MS = 10_000;

/**
 * The page's streamed downloads, or null where the browser cannot have them: no service workers,
 * or not a secure context (a page served over http from another host than this computer).
 *
 * @param script the worker's address, relative to the page
 */
export function streamedDownloads(script = 'sw.js') {
  if (!globalThis.isSecureContext || !('serviceWorker' in navigator)) {
    return null;
  }
  // Registered at once so that it is active by the time a person accepts an offer.
  const registration = navigator.serviceWorker.register(script, { scope: './' });
  registration.catch(() => {}); // reported when a download needs it
  return new Downloads(registration);
}

export class Downloads {
  #registration;
  #open = 0;
  #keepAlive = null;

  constructor(registration) {
    this.#registration = registration;
  }

  /**
   * Starts saving a file named `name` and returns a writer for its bytes: write(bytes), close()
   * (the download completes), abort(reason) (the download fails: the browser keeps nothing).
   *
   * @param size the exact size, or undefined when it is not known in advance
   */
  async open(name, size) {
    const worker = await this.#activeWorker();
    const id = crypto.randomUUID();
    const channel = new MessageChannel();
    const writer = new PipeWriter(channel.port1);
    worker.postMessage({ type: 'download', id, name, size }, [channel.port2]);
    if (!(await writer.held(START_MS))) {
      writer.abort('not held');
      throw new Error("the page's service worker does not answer; reload the page and try again");
    }

    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.title = 'download';
    frame.src = new URL('download/' + encodeURIComponent(id) + '/' + encodeURIComponent(name),
      this.#registration.scope ?? location.href).href;
    document.body.append(frame);
    if (!(await writer.started(START_MS))) {
      frame.remove();
      writer.abort('not started');
      throw new Error('the browser did not start the download; allow downloads for this page and try again');
    }
    this.#began(worker);
    let ended = false;
    const finished = () => {
      if (ended) {
        return;
      }
      ended = true;
      this.#ended();
      // The download manager has the stream by now; the frame is no longer needed, but is left a
      // moment so that no browser takes its removal for a cancellation.
      setTimeout(() => frame.remove(), 1_000);
    };
    return {
      write: (bytes) => writer.write(bytes),
      async close() {
        try {
          await writer.close();
        } finally {
          finished();
        }
      },
      abort(reason) {
        writer.abort(reason);
        finished();
      },
    };
  }

  async #activeWorker() {
    let registration;
    try {
      registration = await this.#registration;
      this.#registration = registration;
    } catch (e) {
      throw new Error('the page cannot save downloads as they arrive: its service worker did not start ('
        + (e?.message ?? e) + ')');
    }
    const ready = await navigator.serviceWorker.ready;
    return registration.active ?? ready.active;
  }

  #began(worker) {
    this.#open += 1;
    this.#keepAlive ??= setInterval(() => worker.postMessage({ type: 'keep-alive' }), KEEP_ALIVE_MS);
  }

  #ended() {
    this.#open -= 1;
    if (this.#open === 0) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = null;
    }
  }
}
