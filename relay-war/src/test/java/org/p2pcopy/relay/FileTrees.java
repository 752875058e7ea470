package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folder trees for whole transfers: one with every kind of entry, and a byte-exact comparison. */
final class FileTrees {
    private FileTrees() {
    }

    /** Nested folders, an empty folder, an empty file and a file of several chunks. */
    static Path sample(Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve("tree"));
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty folder"));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve("a/notes.txt"), "a few words\n");
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(large);
        Files.write(root.resolve("a/b/c/large.bin"), large);
        return root;
    }

    /** Asserts that both trees hold the same folders and files, byte for byte. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertEquals(entries(expected), entries(actual), "entries of " + actual);
        for (var entry : entries(expected).entrySet()) {
            if (entry.getValue().equals("file")) {
                Path file = Path.of(entry.getKey());
                assertEquals(-1L, Files.mismatch(expected.resolve(file), actual.resolve(file)), "content of " + file);
            }
        }
    }

    /** Relative path to "dir" or "file", in a stable order. */
    private static SortedMap<String, String> entries(Path root) throws IOException {
        SortedMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(path -> !path.equals(root)).forEach(path -> entries.put(
                    root.relativize(path).toString(), Files.isDirectory(path) ? "dir" : "file"));
        }
        return entries;
    }
}
