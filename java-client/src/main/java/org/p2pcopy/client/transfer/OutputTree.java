package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.PathRules;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * The receiver's output folder: the only place it writes to. Every manifest path is checked
 * (docs/protocol.md §5) and resolved element by element below the folder; no path can climb out,
 * neither by '..' nor through a symbolic link, and an existing file is never replaced unless the
 * user allowed it.
 */
public final class OutputTree {
    private static final String PARTIAL_SUFFIX = ".p2p-copy-part";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final boolean overwrite;
    private final Set<PartialFile> partials = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private OutputTree(Path root, boolean overwrite) {
        this.root = root;
        this.overwrite = overwrite;
    }

    /** Checks the folder without creating it: on a wrong code nothing at all is written. */
    public static OutputTree open(Path folder, boolean overwrite) throws TransferException {
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new TransferException(Failure.LOCAL_FILE, "the output folder " + folder + " is a file");
        }
        if (Files.isDirectory(root) && !Files.isWritable(root)) {
            throw new TransferException(Failure.LOCAL_FILE, "cannot write to the output folder " + folder);
        }
        return new OutputTree(root, overwrite);
    }

    public Path root() {
        return root;
    }

    /**
     * Checks a complete manifest before anything is written: paths, order, conflicts with what is
     * on disk, free space.
     */
    void check(List<Entry> entries) throws ProtocolException {
        Set<String> folders = new HashSet<>();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (Entry entry : entries) {
            String path = entry.path();
            PathRules.check(path);
            if (!seen.add(path)) {
                throw new ProtocolException(ErrorCode.BAD_PATH, "the manifest lists \"" + PathRules.printable(path)
                        + "\" twice");
            }
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !folders.contains(path.substring(0, slash))) {
                throw new ProtocolException(ErrorCode.BAD_PATH, "the manifest lists \"" + PathRules.printable(path)
                        + "\" before its folder");
            }
            Path target = resolve(path);
            if (entry.isFile()) {
                // Saturates: a hostile manifest's sizes must not wrap around to a sum that fits.
                bytes = entry.size() > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : bytes + entry.size();
                checkFileTarget(path, target);
            } else {
                folders.add(path);
                checkFolderTarget(path, target);
            }
        }
        checkSpace(bytes);
    }

    private void checkFileTarget(String path, Path target) throws ProtocolException {
        confine(path, target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProtocolException(ErrorCode.EXISTS, PathRules.printable(path) + " exists as a folder in "
                    + root + ", where a file is to go");
        }
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProtocolException(ErrorCode.EXISTS, PathRules.printable(path) + " exists already in " + root
                    + " (receive with --overwrite to replace it)");
        }
    }

    private void checkFolderTarget(String path, Path target) throws ProtocolException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw new ProtocolException(ErrorCode.EXISTS, PathRules.printable(path) + " exists as a file in "
                    + root + ", where a folder is to go");
        }
        confine(path, target);
    }

    private void checkSpace(long bytes) throws ProtocolException {
        try {
            Path existing = root;
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            long usable = Files.getFileStore(existing).getUsableSpace();
            if (bytes > usable) {
                throw new ProtocolException(ErrorCode.NO_SPACE, "the transfer needs " + bytes + " bytes but "
                        + root + " has " + usable + " bytes free");
            }
        } catch (IOException e) {
            // The free space is unknown; a full disk will still be reported when a write fails.
        }
    }

    /** Creates the output folder and every folder of the manifest. */
    void createFolders(List<Entry> entries) throws ProtocolException {
        try {
            Files.createDirectories(root);
            for (Entry entry : entries) {
                if (!entry.isFile()) {
                    Path folder = resolve(entry.path());
                    confine(entry.path(), folder);
                    Files.createDirectories(folder);
                }
            }
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.IO, "cannot create folders in " + root + ": " + e.getMessage());
        }
    }

    /** Opens a new temporary file beside the final name of {@code path}. */
    PartialFile create(String path) throws ProtocolException {
        Path target = resolve(path);
        Path folder = target.getParent();
        confine(path, folder);
        String name = "." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + PARTIAL_SUFFIX;
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PathRules.MAX_ELEMENT_BYTES) {
            name = "." + HexFormat.of().formatHex(randomBytes()) + PARTIAL_SUFFIX;
        }
        Path temporary = folder.resolve(name);
        try {
            FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            PartialFile partial = new PartialFile(path, target, temporary, channel, partials::remove);
            partials.add(partial);
            return partial;
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.IO, "cannot create a file in " + folder + ": " + e.getMessage());
        }
    }

    /** Gives a verified file its final name; the last check against replacing happens here. */
    void commit(PartialFile file) throws ProtocolException {
        try {
            file.finish();
        } catch (IOException e) {
            throw writeFailure(file.manifestPath(), e);
        }
        if (overwrite) {
            try {
                Files.move(file.temporary(), file.target(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw writeFailure(file.manifestPath(), e);
            }
            return;
        }
        try {
            // A hard link fails if the name exists, so a file created meanwhile is never replaced.
            Files.createLink(file.target(), file.temporary());
            Files.delete(file.temporary());
        } catch (FileAlreadyExistsException e) {
            throw new ProtocolException(ErrorCode.EXISTS, PathRules.printable(file.manifestPath())
                    + " appeared in " + root + " during the transfer; it was not replaced");
        } catch (UnsupportedOperationException | IOException e) {
            moveWithoutLink(file);
        }
    }

    /** For file systems without hard links: check, then move, with a small window in between. */
    private void moveWithoutLink(PartialFile file) throws ProtocolException {
        try {
            if (Files.exists(file.target(), LinkOption.NOFOLLOW_LINKS)) {
                throw new ProtocolException(ErrorCode.EXISTS, PathRules.printable(file.manifestPath())
                        + " appeared in " + root + " during the transfer; it was not replaced");
            }
            Files.move(file.temporary(), file.target(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw writeFailure(file.manifestPath(), e);
        }
    }

    /** Names a full disk as such: it is the most likely write failure and the user can act on it. */
    static ProtocolException writeFailure(String path, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota exceeded")) {
            return new ProtocolException(ErrorCode.NO_SPACE, "the disk is full: cannot write "
                    + PathRules.printable(path));
        }
        return new ProtocolException(ErrorCode.IO, "cannot write " + PathRules.printable(path) + ": " + message);
    }

    /**
     * Removes every temporary file still open: for a receiver stopped from outside (Ctrl-C), whose
     * transfer code does not get to clean up after itself.
     */
    public void discardPartials() {
        for (PartialFile partial : List.copyOf(partials)) {
            partial.close();
        }
    }

    private Path resolve(String path) {
        Path target = root;
        for (String element : path.split("/")) {
            target = target.resolve(element);
        }
        return target;
    }

    /**
     * Refuses a target whose nearest existing ancestor, with every symbolic link resolved, is not
     * inside the output folder.
     */
    private void confine(String path, Path target) throws ProtocolException {
        Path existing = target;
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (!Files.exists(existing)) {
            return; // not even the output folder exists yet: everything will be created inside it
        }
        try {
            Path real = existing.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new ProtocolException(ErrorCode.BAD_PATH, PathRules.printable(path)
                        + " would be written through a symbolic link that leads out of " + root);
            }
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.IO, "cannot check " + existing + ": " + e.getMessage());
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
