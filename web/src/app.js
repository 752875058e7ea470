// The page's script; build.mjs bundles it with what it imports into app.js beside index.html, the
// word list of new codes included (the Java client's, read as text).
import wordsText from '../../java-client/src/main/resources/org/p2pcopy/client/pairing/words.txt';
import { readWordList } from './protocol/code.js';
import { fetchWasm, loadZstd } from './compression/zstd.js';
import { streamedDownloads } from './download/downloads.js';
import { codeFromHash, pageBase, saveMode } from './ui/place.js';
import { setUpReceiving } from './ui/receive.js';
import { setUpSending } from './ui/send.js';
import { TransferView } from './ui/view.js';

const byId = (id) => document.getElementById(id);

// This very relay, as a user would type it: the examples name it, and the page talks to it.
const base = pageBase(location);
for (const id of ['relay', 'relay2']) {
  byId(id).textContent = base;
}

// Zstandard (zstd.wasm beside app.js) starts loading at once, so that it is there when a transfer
// pairs; without it the page works as before, only without compression.
const zstd = loadZstd(() => fetchWasm(new URL('zstd.wasm', import.meta.url)),
  (e) => console.warn('no compression in this page: ' + (e?.message ?? e)));

const view = new TransferView({
  section: byId('transfer'),
  progress: byId('progress'),
  bar: byId('progress-bar'),
  status: byId('status'),
  warnings: byId('warnings'),
  error: byId('error'),
  cancel: byId('cancel'),
  starters: [byId('send-input'), byId('send-folder-input'), byId('receive-start')],
});

setUpSending({
  fileInput: byId('send-input'),
  folderInput: byId('send-folder-input'),
  dropZone: byId('send-drop'),
  panel: byId('send-panel'),
  code: byId('code'),
  link: byId('link'),
  qr: byId('qr'),
  command: byId('command'),
  compress: byId('send-compress'),
}, view, base, readWordList(wordsText), zstd);

const receive = setUpReceiving({
  form: byId('receive-form'),
  code: byId('receive-code'),
  offer: byId('offer'),
  offerSummary: byId('offer-summary'),
  offerList: byId('offer-list'),
  saveNote: byId('save-note'),
  resumeChoice: byId('resume-choice'),
  resume: byId('receive-resume'),
  accept: byId('receive-accept'),
  decline: byId('receive-decline'),
}, view, base, saving(), zstd);

/** How this browser saves what it receives (place.js saveMode); the download worker starts here. */
function saving() {
  const canStream = globalThis.isSecureContext && 'serviceWorker' in navigator;
  const mode = saveMode(location.search, typeof window.showDirectoryPicker === 'function', canStream);
  return { mode, downloads: mode === 'stream' ? streamedDownloads() : null };
}

// /#42-crayon-orbit receives that code at once; so does a new fragment while the page is open.
function receiveFromHash() {
  const code = codeFromHash(location.hash);
  if (code !== null) {
    receive(code);
  }
}
window.addEventListener('hashchange', receiveFromHash);
receiveFromHash();
