// Test contents for compression: text that shrinks as source code does, and noise that does not.
// Not a test file itself.

/** `length` bytes of numbered lines, as a log or source file: shrinks to well under a fifth. */
export function textLike(length, seed = 0) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const line = String(i + seed).padStart(6, '0') + ' p2p-copy moves files and folders through a relay\n';
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, length);
}

/** `length` bytes of deterministic noise from `seed`. */
export function noise(length, seed) {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0; // exact: no float rounding
    bytes[i] = state >>> 24;
  }
  return bytes;
}
