// The transfer area the page shares between sending and receiving: one transfer at a time, its
// progress, its steps, its warnings and its error, each in words a person reads.
import { progressText } from './format.js';

export class TransferView {
  #elements;
  #started = 0;
  #held = 0;
  #lastDraw = 0;
  #controller = null;

  /** @param elements {section, progress, bar, status, warnings, error, cancel, starters: [inputs and buttons]} */
  constructor(elements) {
    this.#elements = elements;
    elements.cancel.addEventListener('click', () => this.#controller?.abort());
  }

  get busy() {
    return this.#controller !== null;
  }

  /** Starts a transfer: clears what the last one showed; returns the AbortSignal of Cancel. */
  begin() {
    const e = this.#elements;
    this.#controller = new AbortController();
    e.section.hidden = false;
    e.progress.textContent = '';
    e.bar.value = 0;
    e.status.textContent = '';
    e.warnings.replaceChildren();
    e.error.textContent = '';
    e.cancel.hidden = false;
    for (const starter of e.starters) {
      starter.disabled = true;
    }
    return this.#controller.signal;
  }

  /** The transfer is over, whichever way. */
  end() {
    const e = this.#elements;
    this.#controller = null;
    e.cancel.hidden = true;
    for (const starter of e.starters) {
      starter.disabled = false;
    }
  }

  status(message) {
    this.#elements.status.textContent = message;
  }

  warning(message) {
    const item = document.createElement('li');
    item.textContent = message;
    this.#elements.warnings.append(item);
  }

  error(message) {
    this.#elements.error.textContent = message;
  }

  started(heldBytes = 0) {
    this.#started = performance.now();
    this.#held = heldBytes;
    this.#lastDraw = 0;
  }

  /** At most ten redraws a second, and always the last one. */
  progress(done, total) {
    const now = performance.now();
    if (done < total && now - this.#lastDraw < 100) {
      return;
    }
    this.#lastDraw = now;
    this.#elements.progress.textContent = progressText(done, total, now - this.#started, this.#held);
    this.#elements.bar.value = total > 0 ? done / total : 1;
  }

  /** The callbacks of transfer/listener.js. */
  listener(extra = {}) {
    return {
      status: (m) => this.status(m),
      warning: (m) => this.warning(m),
      started: (files, folders, total, held) => this.started(held),
      progress: (d, t) => this.progress(d, t),
      ...extra,
    };
  }
}

/** What a failure says to a person: a TransferError's message is already plain. */
export function describeFailure(e) {
  if (e?.name === 'TransferError' || e?.name === 'UsageError') {
    return e.message;
  }
  return 'something went wrong in this page: ' + (e?.message ?? e);
}
