// Where one Zstandard frame ends and what size it declares, read from its headers alone (RFC 8878
// §3.1.1) without decoding anything. The library decodes several concatenated frames as one and
// allocates whatever a frame declares, and it offers no ZSTD_findFrameCompressedSize, so a chunk's
// payload is measured here first (docs/protocol.md §3.3: exactly one frame, its size declared).

const MAGIC = 0xfd2fb528;
const BLOCK_HEADER_BYTES = 3;
const CHECKSUM_BYTES = 4;
const RLE = 1;
const RESERVED = 3;
const DICTIONARY_ID_BYTES = [0, 1, 2, 4];

/**
 * The frame at the start of `bytes`: {length, contentSize}; `length` is how many bytes the frame
 * takes, `contentSize` what its header declares (a BigInt), or null if it declares nothing.
 *
 * @throws {RangeError} if `bytes` does not start with a whole Zstandard frame (a skippable frame,
 *     another magic number, a reserved bit or block type, or too few bytes)
 */
export function measureFrame(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (end) => {
    if (end > bytes.length) {
      throw new RangeError('the frame ends after ' + bytes.length + ' bytes, in the middle');
    }
  };
  need(5);
  if (view.getUint32(0, true) !== MAGIC) {
    throw new RangeError('not a Zstandard frame (magic number ' + view.getUint32(0, true).toString(16) + ')');
  }
  const descriptor = bytes[4];
  if ((descriptor & 0x08) !== 0) {
    throw new RangeError('the reserved bit of the frame header descriptor is set');
  }
  const singleSegment = (descriptor & 0x20) !== 0;
  const sizeFlag = descriptor >> 6;
  const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag];
  let offset = 5 + (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 0x03];
  need(offset + sizeBytes);
  const contentSize = readContentSize(view, offset, sizeBytes);
  offset += sizeBytes;
  for (let last = false; !last;) {
    need(offset + BLOCK_HEADER_BYTES);
    const header = bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16);
    last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    if (type === RESERVED) {
      throw new RangeError('a block of the reserved type');
    }
    // An RLE block carries the one byte it repeats; raw and compressed blocks carry Block_Size bytes.
    offset += BLOCK_HEADER_BYTES + (type === RLE ? 1 : header >>> 3);
    need(offset);
  }
  if ((descriptor & 0x04) !== 0) {
    offset += CHECKSUM_BYTES;
    need(offset);
  }
  return { length: offset, contentSize };
}

/** Frame_Content_Size (§3.1.1.1.4): the 2-byte form counts from 256. */
function readContentSize(view, offset, sizeBytes) {
  switch (sizeBytes) {
    case 0: return null;
    case 1: return BigInt(view.getUint8(offset));
    case 2: return BigInt(view.getUint16(offset, true) + 256);
    case 4: return BigInt(view.getUint32(offset, true));
    default: return view.getBigUint64(offset, true);
  }
}
