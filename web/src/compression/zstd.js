// The Zstandard library (@bokuweb/zstd-wasm: the real zstd compiled to WebAssembly), loaded once.
// The page works without it, as before it had compression: it then leaves `zstd` out of its hello.
import { compress, decompress, init } from '@bokuweb/zstd-wasm';

/**
 * Level 1, as the Java client (ChunkCompressor.LEVEL): on a sender's main thread, which also reads,
 * hashes and seals every chunk, level 1 compresses at about 175 MiB/s in WebAssembly.
 */
export const LEVEL = 1;

/**
 * How long the library may take to start. It reports a module it cannot instantiate only on the
 * console and then never finishes starting, so the page would otherwise wait forever.
 */
const START_MS = 10_000;

const LIBRARY = Object.freeze({ compress: (bytes) => compress(bytes, LEVEL), decompress });

/** The library's start, once: it is one instance per page. */
let starting = null;

/**
 * The library, started: {compress(bytes) → frame, decompress(frame) → bytes}, both throwing on
 * failure; or null if it cannot be loaded (why goes to `onFailure`).
 *
 * @param wasm async () → the bytes of zstd.wasm; the page fetches them from beside app.js (fetchWasm).
 *     Node's build of the library reads its own copy, so Node passes nothing.
 * @param onFailure (error) → void
 */
export async function loadZstd(wasm, onFailure = () => {}) {
  try {
    let bytes;
    if (wasm !== undefined) {
      bytes = await wasm();
      // Checked here: the library would only log a module it cannot compile, and never start.
      if (!WebAssembly.validate(bytes)) {
        throw new Error('zstd.wasm is not a WebAssembly module');
      }
    }
    starting ??= withTimeout(init(bytes), START_MS);
    await starting;
    return LIBRARY;
  } catch (e) {
    onFailure(e);
    return null;
  }
}

/** The bytes of zstd.wasm at `url`, read whole: the library then instantiates them without fetching. */
export async function fetchWasm(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(url + ': HTTP ' + response.status);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('zstd did not start within ' + ms + ' ms')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
