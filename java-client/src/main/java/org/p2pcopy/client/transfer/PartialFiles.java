package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.PathRules;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * The temporary files of one output folder: each file's data lives under a fixed name beside its
 * final one until it verified, and stays there if the transfer stops, for a resumed one to find
 * (docs/protocol.md §4.8). Paths given here are already checked and confined by {@link OutputTree}.
 */
final class PartialFiles {
    private static final String SUFFIX = ".p2p-copy-part";

    private final Path root;
    private final Set<PartialFile> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger kept = new AtomicInteger();

    PartialFiles(Path root) {
        this.root = root;
    }

    /**
     * The temporary name beside {@code target}: fixed, so that a later receiver finds the data an
     * interrupted one left.
     */
    static Path nameFor(Path target) {
        String name = target.getFileName().toString();
        String partial = "." + name + SUFFIX;
        if (partial.getBytes(StandardCharsets.UTF_8).length > PathRules.MAX_ELEMENT_BYTES) {
            partial = "." + HexFormat.of().formatHex(sha256(name)).substring(0, 32) + SUFFIX;
        }
        return target.resolveSibling(partial);
    }

    /**
     * Opens the temporary file of manifest path {@code path}, whose final name is {@code target},
     * keeping its first {@code offset} bytes (those a resumed transfer continues from).
     */
    PartialFile open(String path, Path target, long offset) throws ProtocolException {
        Path temporary = nameFor(target);
        try {
            FileChannel channel = offset == 0 ? openFresh(path, temporary) : openLocked(path, temporary);
            try {
                if (channel.size() < offset) {
                    throw new ProtocolException(ErrorCode.IO, PathRules.printable(path) + ": the data kept from the "
                            + "interrupted transfer shrank while this one started");
                }
                channel.truncate(offset);
                channel.position(offset);
            } catch (IOException | ProtocolException e) {
                channel.close();
                throw e;
            }
            PartialFile partial = new PartialFile(path, target, temporary, channel, this::closed);
            open.add(partial);
            return partial;
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.IO, "cannot create a file in " + temporary.getParent() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Opens a temporary file for writing, locked: two receivers writing one file's data at once
     * would each see the other's bytes as corrupt.
     */
    FileChannel openLocked(String path, Path temporary) throws IOException, ProtocolException {
        return lock(path, FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * A new, empty temporary file. What was under its name goes first, unless another receiver
     * holds it: the name is fixed, so a stranger with write access to the folder could have put a
     * hard link to some other file there, which truncating in place would damage.
     */
    private FileChannel openFresh(String path, Path temporary) throws IOException, ProtocolException {
        if (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
            openLocked(path, temporary).close();
            Files.delete(temporary);
        }
        return lock(path, FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    private FileChannel lock(String path, FileChannel channel) throws IOException, ProtocolException {
        try {
            if (channel.tryLock() == null) {
                throw new OverlappingFileLockException();
            }
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new ProtocolException(ErrorCode.IO, PathRules.printable(path) + " is being received into " + root
                    + " by another receiver already");
        } catch (IOException e) {
            // A file system without locks: the partial name still keeps other files apart.
        }
        return channel;
    }

    /** Removes the temporary file of {@code target}, if there is one. */
    void remove(Path target) throws ProtocolException {
        Path partial = nameFor(target);
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.IO, "cannot remove " + partial + ": " + e.getMessage());
        }
    }

    /** How many unfinished files kept their verified data under a temporary name so far. */
    int kept() {
        return kept.get();
    }

    /** Closes every temporary file still open, keeping what it holds. */
    void closeAll() {
        for (PartialFile partial : List.copyOf(open)) {
            partial.close();
        }
    }

    private void closed(PartialFile partial) {
        open.remove(partial);
        if (partial.keptBytes() > 0) {
            kept.incrementAndGet();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
