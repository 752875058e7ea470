package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.HashChain;
import org.p2pcopy.client.protocol.Held;
import org.p2pcopy.client.protocol.PathRules;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * What a resuming receiver already holds of each file of the manifest (docs/protocol.md §4.8): a
 * complete file at its final name, or the verified start of one in its partial file, with the chain
 * over it that the sender checks against its own file.
 */
final class Holdings {
    static final Holdings NONE = new Holdings(Map.of());

    /**
     * @param complete whether the bytes are the whole file at its final name, rather than the start
     *     of it in the partial file
     */
    record Holding(long size, byte[] chain, boolean complete) {
    }

    private final Map<Long, Holding> byIndex;

    private Holdings(Map<Long, Holding> byIndex) {
        this.byIndex = byIndex;
    }

    /**
     * Looks at the final and the partial name of every file, cuts each partial file to whole chunks
     * (a receiver killed in the middle of a write leaves a chunk in part) and hashes what is left.
     */
    static Holdings scan(OutputTree output, List<Entry> files, TransferListener listener) throws ProtocolException {
        Map<Long, Holding> found = new HashMap<>();
        ByteBuffer buffer = ByteBuffer.allocate(ChunkFrame.MAX_PAYLOAD_BYTES);
        for (int index = 0; index < files.size(); index++) {
            Entry entry = files.get(index);
            Path target = output.target(entry.path());
            try {
                Holding holding = output.mayBeComplete(entry, target) ? complete(target, entry.size(), buffer)
                        : partial(output, entry, buffer);
                if (holding != null) {
                    found.put((long) index, holding);
                }
            } catch (IOException e) {
                throw new ProtocolException(ErrorCode.IO, "cannot read what " + output.root() + " holds of "
                        + PathRules.printable(entry.path()) + ": " + e.getMessage());
            }
        }
        if (!found.isEmpty()) {
            listener.status("resuming: checked what an earlier transfer left of " + found.size()
                    + (found.size() == 1 ? " file" : " files"));
        }
        return new Holdings(found);
    }

    private static Holding complete(Path target, long size, ByteBuffer buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return hashed(channel, size, true, buffer);
        }
    }

    private static Holding partial(OutputTree output, Entry entry, ByteBuffer buffer)
            throws IOException, ProtocolException {
        Path partial = PartialFiles.nameFor(output.target(entry.path()));
        if (!Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS) || linkedElsewhere(partial)) {
            return null;
        }
        try (FileChannel channel = output.partials().openLocked(entry.path(), partial)) {
            long length = channel.size();
            // Longer than the file: the file changed, and none of it can be trusted to be a start of it.
            long kept = length > entry.size() ? 0 : length / ChunkFrame.MAX_PAYLOAD_BYTES * ChunkFrame.MAX_PAYLOAD_BYTES;
            channel.truncate(kept);
            return kept == 0 ? null : hashed(channel, kept, false, buffer);
        }
    }

    /** A partial file with a second name is not one a receiver made: it is not cut or continued. */
    private static boolean linkedElsewhere(Path partial) throws IOException {
        try {
            return ((Number) Files.getAttribute(partial, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Holding hashed(FileChannel channel, long size, boolean complete, ByteBuffer buffer)
            throws IOException {
        HashChain chain = new HashChain();
        channel.position(0);
        if (!PrefixChain.advance(chain, channel, size, buffer)) {
            throw new IOException("it became shorter while it was read");
        }
        return new Holding(size, chain.value(), complete);
    }

    /** What the receiver lists in its accept: the files in manifest order. */
    List<Held> held() {
        List<Held> held = new ArrayList<>();
        byIndex.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> held.add(
                new Held(e.getKey(), e.getValue().size(), HexFormat.of().formatHex(e.getValue().chain()))));
        return held;
    }

    /** What is held of file {@code index}, or null. */
    Holding get(long index) {
        return byIndex.get(index);
    }
}
