// Sending from the page: the user picks or drops files or a folder, the page claims a new code on its own
// relay, shows it (with a link and the terminal command for the other side) and sends once the
// receiver comes.
import { pairWithNewCode } from '../pairing/pairing.js';
import { entriesFromFiles } from '../transfer/picked.js';
import { Sender } from '../transfer/sender.js';
import { createSourceTree } from '../transfer/source.js';
import { acceptDrops } from './drop.js';
import { formatBytes, summary } from './format.js';
import { receiveCommand, receiveLink } from './place.js';
import { describeFailure } from './view.js';
import { qrSvg } from './qr.js';

/**
 * @param elements {fileInput, folderInput, dropZone, panel, code, link, qr, command, compress}: compress
 *     is the Compression choice (auto, on, off)
 * @param view the TransferView
 * @param base the relay's address (place.js pageBase)
 * @param wordList the 2048 words of new codes
 * @param zstd a promise of the Zstandard library, or of null if this page has none (compression/zstd.js)
 */
export function setUpSending(elements, view, base, wordList, zstd) {
  zstd.then((library) => {
    elements.compress.disabled = library === null;
  });
  const options = () => ({ compress: elements.compress.value, zstd });
  for (const input of [elements.fileInput, elements.folderInput]) {
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = ''; // the same files may be picked again for another transfer
      if (files.length > 0 && !view.busy) {
        send(Promise.resolve(entriesFromFiles(files)), elements, view, base, wordList, options());
      }
    });
  }
  acceptDrops(elements.dropZone, (entries) => {
    if (!view.busy) {
      send(entries, elements, view, base, wordList, options());
    }
  });
}

async function send(entries, elements, view, base, wordList, { compress, zstd }) {
  const signal = view.begin();
  elements.panel.hidden = true;
  try {
    const tree = createSourceTree(await entries);
    view.status('sending ' + summary(tree.files, tree.folders, tree.bytes));
    const { code, relay } = await pairWithNewCode(base, wordList, {
      signal,
      onStatus: (m) => view.status(m),
      onCode: (text) => {
        elements.code.textContent = text;
        const link = receiveLink(base, text);
        elements.link.href = link;
        elements.link.textContent = link;
        elements.qr.innerHTML = qrSvg(link);
        elements.command.textContent = receiveCommand(base, text);
        elements.panel.hidden = false;
      },
    });
    const result = await new Sender(relay, code, tree, { signal, listener: view.listener(), compress, zstd }).run();
    view.status('done: ' + summary(result.files, result.folders, result.bytes)
      + ' sent, and the receiver verified every file'
      + (result.compressed ? '; compressed, the file data took ' + formatBytes(result.wireBytes) + ' on the wire' : ''));
  } catch (e) {
    elements.panel.hidden = true; // the code is of no use any more
    view.status('');
    view.error(describeFailure(e));
  } finally {
    view.end();
  }
}
