// Receiving in the page: under a typed code or the code in the address (/#42-crayon-orbit). The
// page shows what the sender offers and writes nothing before the user accepts; then it saves into
// a folder the user picks, or as a download (place.js saveMode). Into a folder, it can resume an
// interrupted transfer (docs/protocol.md §4.8) when the user ticks "resume".
import { pair } from '../pairing/pairing.js';
import { parseCode } from '../protocol/code.js';
import { printable } from '../protocol/errors.js';
import { Receiver } from '../transfer/receiver.js';
import { formatBytes, summary } from './format.js';
import { directorySink } from './folder-sink.js';
import { downloadSink, streamedSink } from './sinks.js';
import { describeFailure } from './view.js';

/** At most this many entries of an offer are listed. */
const LISTED = 200;

/**
 * @param elements {form, code, offer, offerSummary, offerList, saveNote, resumeChoice, resume, accept,
 *     decline}: resume is the checkbox, resumeChoice what shows it (only when saving into a folder)
 * @param view the TransferView
 * @param base the relay's address
 * @param saving {mode, downloads}: mode 'folder', 'stream' or 'memory' (place.js saveMode),
 *     downloads the page's streamed downloads (download/downloads.js) for 'stream'
 * @param zstd a promise of the Zstandard library, or of null if this page has none (compression/zstd.js)
 * @returns receive(code): starts receiving under a code, as the form does
 */
export function setUpReceiving(elements, view, base, saving, zstd) {
  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!view.busy) {
      receive(elements.code.value, elements, view, base, saving, zstd);
    }
  });
  return (code) => {
    elements.code.value = code;
    if (!view.busy) {
      receive(code, elements, view, base, saving, zstd);
    }
  };
}

async function receive(typed, elements, view, base, saving, zstd) {
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
      zstd,
      listener: view.listener(),
      onOffer: (offer) => ask(offer, elements, view, saving, signal),
    });
    const result = await receiver.run();
    view.status('done: ' + summary(result.files, result.folders, result.bytes) + ' received, every file verified'
      + SAVED[saving.mode]);
  } catch (e) {
    view.status('');
    view.error(describeFailure(e));
  } finally {
    elements.offer.hidden = true;
    view.end();
  }
}

/** What the final status says of where the files went, by save mode. */
const SAVED = {
  folder: ' and saved',
  stream: ' and saved as a download',
  memory: ' and saved as downloads',
};

/** What the offer says of where the files will go, by save mode. */
const SAVE_NOTES = {
  folder: 'Accept asks for a folder to save into; nothing there is replaced. To continue a transfer of '
    + 'these files that was interrupted, tick "resume" and choose the same folder: only what is missing is sent.',
  stream: 'Accept starts one download, written as the data arrives: a single file as itself, anything '
    + 'more as a zip archive of the tree. The browser completes it only once every file verified.',
  memory: 'Each file is saved as a download once it verified (a file in a folder is named with its path, '
    + "'/' as '_'). This browser holds each file in memory until then.",
};

/**
 * The sink for an accepted offer, by save mode; null when the person closed the folder picker.
 * `resume`: the folder may hold what an interrupted transfer left, to be continued.
 */
async function sinkFor(offer, saving, resume) {
  if (saving.mode === 'stream') {
    return streamedSink(saving.downloads, offer);
  }
  if (saving.mode === 'memory') {
    return downloadSink();
  }
  let folder;
  try {
    folder = await window.showDirectoryPicker({ id: 'p2p-copy-receive', mode: 'readwrite' });
  } catch (e) {
    if (e?.name === 'AbortError') {
      return null;
    }
    throw e;
  }
  return directorySink(folder, offer.entries, { resume });
}

/** Shows the offer and waits for Accept (→ a Sink) or Decline (→ null). */
function ask(offer, elements, view, saving, signal) {
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
  elements.saveNote.textContent = SAVE_NOTES[saving.mode];
  elements.resumeChoice.hidden = saving.mode !== 'folder';
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
      elements.accept.disabled = true; // one download or picker per offer, however often it is clicked
      let sink;
      try {
        sink = await sinkFor(offer, saving, saving.mode === 'folder' && elements.resume.checked);
      } catch (e) {
        done();
        reject(e);
        return;
      } finally {
        elements.accept.disabled = false;
      }
      if (sink !== null) { // null: the picker was closed; the offer stays, to accept or decline
        done();
        resolve(sink);
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
