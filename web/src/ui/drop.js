// Files and folders dropped on the page, as source entries. Where the browser gives handles
// (DataTransferItem.getAsFileSystemHandle: Chrome, Edge), a dropped folder comes with its whole
// tree, empty folders included; elsewhere only dropped files are taken.
import { entriesFromDirectoryHandle, entriesFromFiles } from '../transfer/picked.js';
import { fileEntry } from '../transfer/source.js';

/**
 * Calls `onEntries(promise of entries)` for what is dropped on `target`, and keeps the browser from
 * opening a file dropped anywhere else on the page.
 */
export function acceptDrops(target, onEntries) {
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (event) => event.preventDefault());
  }
  target.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    target.classList.add('dragging');
  });
  target.addEventListener('dragleave', () => target.classList.remove('dragging'));
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    target.classList.remove('dragging');
    // Items are readable only during the event: ask for every handle now, await them later.
    const items = [...event.dataTransfer.items].filter((item) => item.kind === 'file');
    const pending = items.map((item) => ({
      handle: typeof item.getAsFileSystemHandle === 'function' ? item.getAsFileSystemHandle() : null,
      file: item.getAsFile(),
    }));
    onEntries(entriesOf(pending));
  });
}

async function entriesOf(pending) {
  const entries = [];
  const files = [];
  for (const { handle, file } of pending) {
    const h = await Promise.resolve(handle).catch(() => null); // null for a drop made by a script
    if (h?.kind === 'directory') {
      entries.push(...await entriesFromDirectoryHandle(h));
    } else if (h?.kind === 'file') {
      entries.push(fileEntry(h.name, await h.getFile()));
    } else if (file !== null) {
      files.push(file);
    }
  }
  return entries.concat(entriesFromFiles(files));
}
