// Source entries from what the user picked in the browser: the files of an <input type="file">
// (with webkitdirectory, each knows its path below the chosen folder), or a folder's
// FileSystemDirectoryHandle (File System Access API). Entries come in manifest order: a folder
// before its contents, names sorted by UTF-16 code units (as the Java client's String order).
import { fileEntry, folderEntry } from './source.js';

/**
 * Entries for a FileList or array of File: each file under its webkitRelativePath (its name if
 * there is none), with a folder entry for every folder on the way. A FileList holds no empty
 * folders, so none can be sent this way.
 */
export function entriesFromFiles(files) {
  const folders = new Set();
  const entries = [];
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    const elements = path.split('/');
    for (let i = 1; i < elements.length; i++) {
      const folder = elements.slice(0, i).join('/');
      if (!folders.has(folder)) {
        folders.add(folder);
        entries.push(folderEntry(folder));
      }
    }
    entries.push(fileEntry(path, file));
  }
  return entries.sort(byElements);
}

/**
 * Entries for a folder the user chose with showDirectoryPicker(), under its own name (or `name`),
 * with its whole tree, empty folders and empty files included. Each file is read through the File
 * that getFile() gives now.
 */
export async function entriesFromDirectoryHandle(handle, name = handle.name) {
  const entries = [folderEntry(name)];
  const children = [];
  for await (const child of handle.values()) {
    children.push(child);
  }
  children.sort((a, b) => compare(a.name, b.name));
  for (const child of children) {
    const path = name + '/' + child.name;
    if (child.kind === 'directory') {
      entries.push(...await entriesFromDirectoryHandle(child, path));
    } else {
      entries.push(fileEntry(path, await child.getFile()));
    }
  }
  return entries;
}

/** Element by element, so that a folder comes right before its contents ("a", "a/b", "a b"). */
function byElements(a, b) {
  const x = a.path.split('/');
  const y = b.path.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) {
      return compare(x[i], y[i]);
    }
  }
  return x.length - y.length;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
