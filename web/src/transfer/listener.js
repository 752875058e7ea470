// What a running transfer reports to the page, as the Java client's TransferListener. Every
// callback is optional. A callback that throws is reported (reportError: the console and
// window.onerror) but does not stop the transfer: a slip in the page's progress bar must not cost a
// 4 GiB transfer.

/**
 * The callbacks a transfer calls:
 * - status(message): a step of the conversation (code confirmed, waiting for the receiver, ...)
 * - warning(message): something the user should know that does not stop the transfer
 * - started(files, folders, totalBytes, heldBytes): once the manifest is agreed, before the first
 *   file byte; heldBytes: what the receiver kept of an interrupted transfer (§4.8), 0 if nothing
 * - progress(bytesDone, totalBytes): file bytes sent (sender) or verified and written (receiver),
 *   the held bytes included
 * - fileVerified(path, size, digestHex): receiver: a file passed its checks and was committed
 */
export const CALLBACKS = Object.freeze(['status', 'warning', 'started', 'progress', 'fileVerified']);

/** A listener with every callback of CALLBACKS, from an object that may have any of them. */
export function listenerOf(callbacks = {}) {
  const listener = {};
  for (const name of CALLBACKS) {
    const callback = callbacks[name];
    listener[name] = typeof callback !== 'function' ? () => {} : (...args) => {
      try {
        callback(...args);
      } catch (e) {
        report(e);
      }
    };
  }
  return Object.freeze(listener);
}

function report(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    setTimeout(() => { throw error; }); // an uncaught error, outside the transfer
  }
}
