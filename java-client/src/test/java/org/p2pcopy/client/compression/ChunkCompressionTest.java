package org.p2pcopy.client.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;

/** One chunk compressed and opened again, the modes' choices, and the frames a receiver refuses. */
class ChunkCompressionTest {
    private static final int CHUNK = ChunkFrame.MAX_PAYLOAD_BYTES;

    /** A chunk of text that compresses well, as source code or logs do. */
    static byte[] text(int length) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        String[] words = {"chunk", "frame", "relay", "sender", "receiver", "digest", "sealed", "manifest", "code"};
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(100) < 12 ? ".\n" : " ");
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** The frame the compressor makes of {@code data}, or null if it sends the chunk raw. */
    private static byte[] compress(ChunkCompressor compressor, byte[] data) {
        byte[] target = new byte[3 + ChunkCompressor.MAX_FRAME_BYTES];
        int size = compressor.compress(data, 0, data.length, target, 3);
        return size == 0 ? null : Arrays.copyOfRange(target, 3, 3 + size);
    }

    private static ByteBuffer open(byte[] frame, long remaining) throws ProtocolException {
        try (ChunkDecompressor decompressor = new ChunkDecompressor()) {
            ByteBuffer data = decompressor.decompress(ByteBuffer.wrap(frame), remaining);
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            return ByteBuffer.wrap(copy);
        }
    }

    @Test
    void textRoundTripsAndShrinks() throws ProtocolException {
        byte[] data = text(CHUNK);
        try (ChunkCompressor compressor = new ChunkCompressor(CompressionMode.ON)) {
            compressor.startFile();
            byte[] frame = compress(compressor, data);

            assertTrue(frame.length < data.length / 2, "only to " + frame.length);
            assertEquals(CHUNK, Zstd.getFrameContentSize(frame), "the frame declares its size");
            assertArrayEquals(data, open(frame, CHUNK).array());
        }
    }

    @Test
    void aShortLastChunkRoundTrips() throws ProtocolException {
        byte[] data = text(1000);
        try (ChunkCompressor compressor = new ChunkCompressor(CompressionMode.ON)) {
            compressor.startFile();
            assertArrayEquals(data, open(compress(compressor, data), 1000).array());
        }
    }

    @Test
    void randomDataGoesRaw() {
        try (ChunkCompressor compressor = new ChunkCompressor(CompressionMode.ON)) {
            compressor.startFile();
            assertEquals(null, compress(compressor, random(CHUNK)));
            assertEquals(null, compress(compressor, random(1)), "one byte cannot shrink");
        }
    }

    /** auto judges a file by its first chunk: random data there, and not even text is tried after it. */
    @Test
    void autoStopsTryingAFileWhoseFirstChunkDidNotShrink() {
        try (ChunkCompressor compressor = new ChunkCompressor(CompressionMode.AUTO)) {
            compressor.startFile();
            assertEquals(null, compress(compressor, random(CHUNK)));
            assertEquals(null, compress(compressor, text(CHUNK)), "tried after an incompressible first chunk");

            compressor.startFile();
            assertTrue(compress(compressor, text(CHUNK)) != null, "a new file is judged anew");
            assertTrue(compress(compressor, text(CHUNK)) != null);
            assertEquals(null, compress(compressor, random(CHUNK)), "still raw when compression does not help");
            assertTrue(compress(compressor, text(CHUNK)) != null, "a compressible file goes on being tried");
        }
    }

    /** Shrinking to 95 % is smaller, so on sends it compressed, but not enough for auto to go on. */
    @Test
    void autoNeedsTheFirstChunkToShrinkToNinetyPercent() {
        byte[] mostlyRandom = random(CHUNK);
        Arrays.fill(mostlyRandom, 0, CHUNK / 20, (byte) 'x');
        try (ChunkCompressor auto = new ChunkCompressor(CompressionMode.AUTO);
                ChunkCompressor on = new ChunkCompressor(CompressionMode.ON)) {
            auto.startFile();
            on.startFile();
            byte[] first = compress(auto, mostlyRandom);
            assertTrue(first != null && first.length > 0.9 * CHUNK, "the case is not what it says: " + first.length);
            assertEquals(null, compress(auto, text(CHUNK)), "auto went on after a first chunk at 95 %");
            assertTrue(compress(on, mostlyRandom) != null);
            assertTrue(compress(on, text(CHUNK)) != null);
        }
    }

    @Test
    void offHasNoCompressor() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkCompressor(CompressionMode.OFF));
    }

    @Test
    void modesParseByTheirOptionNames() {
        assertEquals(CompressionMode.AUTO, CompressionMode.parse("auto"));
        assertEquals(CompressionMode.ON, CompressionMode.parse("on"));
        assertEquals(CompressionMode.OFF, CompressionMode.parse("off"));
        assertEquals(null, CompressionMode.parse("ON"));
        assertEquals(null, CompressionMode.parse("yes"));
    }

    /**
     * 1 MiB and one zero bytes compress to a few dozen: the receiver must refuse the frame from its
     * header, before decoding, since its one buffer has room for 1 MiB only.
     */
    @Test
    void aFrameDeclaringMoreThanOneMebibyteIsRefusedBeforeDecoding() {
        byte[] frame = Zstd.compress(new byte[CHUNK + 1], 1);
        assertTrue(frame.length < 100, "a frame of " + frame.length + " bytes");

        ProtocolException refused = assertThrows(ProtocolException.class, () -> open(frame, Long.MAX_VALUE));

        assertEquals(ErrorCode.INTEGRITY, refused.code());
        assertTrue(refused.getMessage().contains("declares " + (CHUNK + 1)), refused.getMessage());
    }

    @Test
    void aFrameWithoutContentSizeIsRefused() {
        byte[] data = text(5000);
        byte[] frame;
        try (ZstdCompressCtx context = new ZstdCompressCtx()) {
            context.setContentSize(false);
            frame = context.compress(data);
        }
        assertEquals(-1, Zstd.getFrameContentSize(frame), "the frame has a content size after all");

        ProtocolException refused = assertThrows(ProtocolException.class, () -> open(frame, CHUNK));

        assertEquals(ErrorCode.INTEGRITY, refused.code());
        assertTrue(refused.getMessage().contains("does not declare"), refused.getMessage());
    }

    /**
     * A frame whose first block is of the reserved type. (A flipped bit among literals may still
     * decode, to other bytes: the chain catches that, see LinkedTransferTest.)
     */
    @Test
    void aCorruptedFrameIsRefused() {
        byte[] frame = Zstd.compress(text(CHUNK), 1);
        frame[headerBytes(frame)] |= 0x06;

        ProtocolException refused = assertThrows(ProtocolException.class, () -> open(frame, CHUNK));

        assertEquals(ErrorCode.INTEGRITY, refused.code());
    }

    /** The size of a zstd frame header (RFC 8878 §3.1.1.1): where the first block header starts. */
    private static int headerBytes(byte[] frame) {
        int descriptor = frame[4] & 0xff;
        boolean singleSegment = (descriptor & 0x20) != 0;
        int contentSize = new int[] {singleSegment ? 1 : 0, 2, 4, 8}[descriptor >> 6];
        int dictionary = new int[] {0, 1, 2, 4}[descriptor & 3];
        return 5 + (singleSegment ? 0 : 1) + dictionary + contentSize;
    }

    @Test
    void aFrameThatDecodesToMoreThanTheFileHasLeftIsRefused() {
        byte[] frame = Zstd.compress(text(5000), 1);

        ProtocolException refused = assertThrows(ProtocolException.class, () -> open(frame, 4999));

        assertEquals(ErrorCode.INTEGRITY, refused.code());
        assertTrue(refused.getMessage().contains("4999"), refused.getMessage());
    }

    @Test
    void emptyTruncatedAndDoubledFramesAreRefused() {
        byte[] frame = Zstd.compress(text(5000), 1);
        byte[] twice = new byte[2 * frame.length];
        System.arraycopy(frame, 0, twice, 0, frame.length);
        System.arraycopy(frame, 0, twice, frame.length, frame.length);
        for (byte[] bad : new byte[][] {Zstd.compress(new byte[0], 1), Arrays.copyOf(frame, frame.length - 1), twice,
                {1, 2, 3, 4, 5, 6, 7, 8}}) {
            ProtocolException refused = assertThrows(ProtocolException.class, () -> open(bad, CHUNK));
            assertEquals(ErrorCode.INTEGRITY, refused.code());
        }
    }

    /** A frame whose header declares another size than its blocks hold. */
    @Test
    void aFrameThatDecodesToOtherThanItDeclaresIsRefused() {
        byte[] frame = Zstd.compress(new byte[5000], 1);
        assertEquals(5000, Zstd.getFrameContentSize(frame));
        // A 2-byte content size field holds size - 256, little-endian: 4744 = 0x1288. Make it say 4999.
        int field = headerBytes(frame) - 2;
        assertEquals(0x1288, (frame[field] & 0xff) | (frame[field + 1] & 0xff) << 8, "not a 2-byte size field");
        byte[] lying = frame.clone();
        lying[field] = (byte) 0x87;
        assertEquals(4999, Zstd.getFrameContentSize(lying));

        ProtocolException refused = assertThrows(ProtocolException.class, () -> open(lying, CHUNK));

        assertEquals(ErrorCode.INTEGRITY, refused.code());
    }
}
