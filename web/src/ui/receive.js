// Receiving in the page: under a typed code or the code in the address (/#42-crayon-orbit). The
// page shows what the sender offers and writes nothing before the user accepts; then it saves into
// a folder the user picks, or as downloads (place.js saveMode).
import { pair } from '../pairing/pairing.js';
import { parseCode } from '../protocol/code.js';
import { printable } from '../protocol/errors.js';
import { Receiver } from '../transfer/receiver.js';
import { formatBytes, summary } from './format.js';
import { directorySink, downloadSink } from './sinks.js';
import { describeFailure } from './view.js';

/** At most this many entries of an offer are listed. */
const LISTED = 200;

/**
 * @param elements {form, code, offer, offerSummary, offerList, saveNote, accept, decline}
 * @param view the TransferView
 * @param base the relay's address
 * @param mode 'folder' or 'download' (place.js saveMode)
 * @returns receive(code): starts receiving under a code, as the form does
 */
export function setUpReceiving(elements, view, base, mode) {
  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!view.busy) {
      receive(elements.code.value, elements, view, base, mode);
    }
  });
  return (code) => {
    elements.code.value = code;
    if (!view.busy) {
      receive(code, elements, view, base, mode);
    }
  };
}

async function receive(typed, elements, view, base, mode) {
  const signal = view.begin();
  elements.offer.hidden = true;
  try {
    const code = parseCode(typed.trim());
    const relay = await pair(base, code, 'receiver', {
      signal,
      onStatus: (m) => view.status(m),
      onWarning: (m) => view.warning(m),
    });
    const receiver = new Receiver(relay, code, {
      signal,
      listener: view.listener(),
      onOffer: (offer) => ask(offer, elements, view, mode, signal),
    });
    const result = await receiver.run();
    view.status('done: ' + summary(result.files, result.folders, result.bytes) + ' received, every file verified'
      + (mode === 'download' ? ' and saved as a download' : ' and saved'));
  } catch (e) {
    view.status('');
    view.error(describeFailure(e));
  } finally {
    elements.offer.hidden = true;
    view.end();
  }
}

/** Shows the offer and waits for Accept (→ a Sink) or Decline (→ null). */
function ask(offer, elements, view, mode, signal) {
  elements.offerSummary.textContent = 'The sender offers ' + summary(offer.files, offer.folders, offer.bytes)
    + (offer.encrypted ? '' : ' (not encrypted)') + ':';
  const items = offer.entries.slice(0, LISTED).map((entry) => {
    const item = document.createElement('li');
    item.textContent = printable(entry.path) + (entry.kind === 'dir' ? '/' : ' (' + formatBytes(entry.size) + ')');
    return item;
  });
  if (offer.entries.length > LISTED) {
    const more = document.createElement('li');
    more.textContent = 'and ' + (offer.entries.length - LISTED) + ' more';
    items.push(more);
  }
  elements.offerList.replaceChildren(...items);
  elements.saveNote.textContent = mode === 'folder'
    ? 'Accept asks for a folder to save into; nothing there is replaced.'
    : 'Each file is saved as a download once it verified (a file in a folder is named with its path, '
      + "'/' as '_'). This browser holds each file in memory until then.";
  elements.offer.hidden = false;
  view.status('waiting for you to accept or decline');
  elements.accept.focus();

  return new Promise((resolve, reject) => {
    const done = () => {
      elements.accept.removeEventListener('click', onAccept);
      elements.decline.removeEventListener('click', onDecline);
      signal.removeEventListener('abort', onAbort);
      elements.offer.hidden = true;
    };
    const onAccept = async () => {
      if (mode === 'download') {
        done();
        resolve(downloadSink());
        return;
      }
      let folder;
      try {
        folder = await window.showDirectoryPicker({ id: 'p2p-copy-receive', mode: 'readwrite' });
      } catch (e) {
        if (e?.name === 'AbortError') {
          return; // the user closed the picker: the offer stays, to accept or decline
        }
        done();
        reject(e);
        return;
      }
      done();
      try {
        resolve(await directorySink(folder, offer.entries));
      } catch (e) {
        reject(e);
      }
    };
    const onDecline = () => {
      done();
      resolve(null);
    };
    const onAbort = () => {
      done();
      resolve(null);
    };
    elements.accept.addEventListener('click', onAccept);
    elements.decline.addEventListener('click', onDecline);
    signal.addEventListener('abort', onAbort);
  });
}
