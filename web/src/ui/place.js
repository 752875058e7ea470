// Where the page is and what its address asks for: the relay's base address as a user types it,
// a code in the fragment (/#42-crayon-orbit), and how received files are saved. No DOM.

/** The page's address without index.html or a trailing '/': the relay to give the Java client. */
export function pageBase(location) {
  return location.origin + location.pathname.replace(/\/(index\.html)?$/, '');
}

/** The code in a fragment such as "#42-crayon-orbit", or null when there is none. */
export function codeFromHash(hash) {
  let text = String(hash ?? '').replace(/^#/, '');
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not percent-encoded as it should be: take it as it is; parseCode will judge it.
  }
  text = text.trim();
  return text === '' ? null : text;
}

/** The link that opens this page receiving `code`. */
export function receiveLink(base, code) {
  return base + '/#' + encodeURI(code);
}

/** The terminal command that receives `code` from this relay with the Java client. */
export function receiveCommand(base, code) {
  return 'java -jar p2p-copy-client.jar receive ' + base + ' ' + code;
}

/**
 * How received files are saved: 'folder' (a folder the user picks, File System Access API) where
 * the browser has showDirectoryPicker; else 'stream' (one download written as it arrives, through
 * the page's service worker) where it can; else 'memory' (downloads held in memory until verified).
 * '?save=download' asks for a download even where a folder could be picked, '?save=memory' for
 * the last way.
 */
export function saveMode(search, hasDirectoryPicker, canStream) {
  const asked = new URLSearchParams(String(search ?? '')).get('save');
  if (asked === 'memory' || (!canStream && (asked === 'download' || !hasDirectoryPicker))) {
    return 'memory';
  }
  return asked === 'download' || !hasDirectoryPicker ? 'stream' : 'folder';
}

/** The name a received file is saved under as a download: its path, '/' as '_' (no folders there). */
export function downloadName(path) {
  return path.split('/').join('_');
}

/** The name of the zip archive of several entries: their one top-level folder's, or a general one. */
export function zipName(entries) {
  const tops = new Set(entries.map((e) => e.path.split('/')[0]));
  const [top] = tops;
  const folder = tops.size === 1 && entries.some((e) => e.path === top && e.kind === 'dir');
  return (folder ? top : 'p2p-copy') + '.zip';
}
