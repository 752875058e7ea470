package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.protocol.PathRules;

/**
 * What the sender will send: every path argument under its own last name, folders with their whole
 * tree, in manifest order (a folder before its contents, names sorted). Symbolic links inside a
 * folder are skipped with a warning: following them could loop or leave the folder the user chose.
 */
public final class SourceTree {
    private final List<SourceEntry> entries;
    private final int files;
    private final long bytes;

    private SourceTree(List<SourceEntry> entries) {
        this.entries = List.copyOf(entries);
        this.files = (int) entries.stream().filter(e -> !e.isFolder()).count();
        this.bytes = entries.stream().mapToLong(SourceEntry::size).sum();
    }

    public static SourceTree scan(List<Path> paths, TransferListener listener) throws TransferException {
        if (paths.isEmpty()) {
            throw new TransferException(Failure.USAGE, "nothing to send: name at least one file or folder");
        }
        List<SourceEntry> entries = new ArrayList<>();
        Set<String> topNames = new HashSet<>();
        for (Path argument : paths) {
            Path absolute = argument.toAbsolutePath().normalize();
            if (absolute.getFileName() == null) {
                throw new TransferException(Failure.USAGE, "cannot send the root folder " + argument
                        + ": send the folders in it instead");
            }
            String name = absolute.getFileName().toString();
            if (!topNames.add(name)) {
                throw new TransferException(Failure.USAGE, "two of the paths to send are named \"" + name
                        + "\": they would land on the same name on the other side");
            }
            BasicFileAttributes attributes = attributes(argument, absolute);
            add(entries, name, absolute, attributes, listener);
        }
        return new SourceTree(entries);
    }

    private static BasicFileAttributes attributes(Path argument, Path absolute) throws TransferException {
        try {
            // A path the user names is followed even if it is a link: that is what they pointed at.
            return Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new TransferException(Failure.LOCAL_FILE, "no such file or folder: " + argument);
        } catch (IOException e) {
            throw new TransferException(Failure.LOCAL_FILE, "cannot read " + argument + ": " + e.getMessage());
        }
    }

    private static void add(List<SourceEntry> entries, String path, Path file, BasicFileAttributes attributes,
            TransferListener listener) throws TransferException {
        String problem = PathRules.problem(path);
        if (problem != null) {
            throw new TransferException(Failure.LOCAL_FILE, "cannot send " + file + ": " + problem
                    + " is not allowed in a transfer; rename it first");
        }
        if (attributes.isDirectory()) {
            entries.add(new SourceEntry(path, file, true, 0, attributes.lastModifiedTime()));
            for (Path child : children(file)) {
                BasicFileAttributes childAttributes;
                try {
                    childAttributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new TransferException(Failure.LOCAL_FILE, "cannot read " + child + ": " + e.getMessage());
                }
                if (childAttributes.isSymbolicLink()) {
                    listener.warning("skipped the symbolic link " + child);
                } else if (childAttributes.isDirectory() || childAttributes.isRegularFile()) {
                    add(entries, path + "/" + child.getFileName(), child, childAttributes, listener);
                } else {
                    listener.warning("skipped " + child + ": neither a file nor a folder");
                }
            }
        } else if (attributes.isRegularFile()) {
            if (!Files.isReadable(file)) {
                throw new TransferException(Failure.LOCAL_FILE, "cannot read " + file + ": permission denied");
            }
            entries.add(new SourceEntry(path, file, false, attributes.size(), attributes.lastModifiedTime()));
        } else {
            throw new TransferException(Failure.LOCAL_FILE, "cannot send " + file + ": neither a file nor a folder");
        }
    }

    private static List<Path> children(Path folder) throws TransferException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new TransferException(Failure.LOCAL_FILE, "cannot list the folder " + folder + ": " + e.getMessage());
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        return children;
    }

    List<SourceEntry> entries() {
        return entries;
    }

    public int files() {
        return files;
    }

    public int folders() {
        return entries.size() - files;
    }

    public long bytes() {
        return bytes;
    }
}
