package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.HashChain;
import org.p2pcopy.client.protocol.Held;

/**
 * The chain over the first bytes of a file, read as the chunks a sender sends: how both sides of a
 * resumed transfer agree on what the receiver holds (docs/protocol.md §4.8).
 */
final class PrefixChain {
    private PrefixChain() {
    }

    /**
     * Whether a file of {@code fileSize} bytes starts with what the receiver holds of it; if so,
     * {@code chain} and {@code channel} (both at the file's start) are left right after those bytes.
     */
    static boolean startsWith(HashChain chain, FileChannel channel, long fileSize, Held held, ByteBuffer buffer)
            throws IOException {
        return held.size() <= fileSize && advance(chain, channel, held.size(), buffer)
                && HexFormat.of().formatHex(chain.value()).equals(held.chain());
    }

    /**
     * Advances {@code chain} over the next {@code bytes} of {@code channel} in chunks of up to 1 MiB,
     * through {@code buffer} (at least that big); false if the file ends first.
     */
    static boolean advance(HashChain chain, FileChannel channel, long bytes, ByteBuffer buffer) throws IOException {
        long remaining = bytes;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(ChunkFrame.MAX_PAYLOAD_BYTES, remaining));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    return false;
                }
            }
            chain.next(buffer.flip());
            remaining -= buffer.limit();
        }
        return true;
    }
}
