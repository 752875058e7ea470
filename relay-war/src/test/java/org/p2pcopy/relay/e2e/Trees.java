package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test trees on disk: made with the awkward cases users have, and compared byte for byte. */
final class Trees {
    private Trees() {
    }

    /**
     * A folder with nested folders, an empty folder, an empty file, non-ASCII names and names with
     * spaces, and one file of {@code bigBytes} pseudo-random bytes (several chunks, a short last one).
     */
    static Path makeTree(Path parent, long bigBytes) throws IOException {
        Path root = Files.createDirectories(parent.resolve("project files"));
        Files.createDirectories(root.resolve("empty folder"));
        Files.createDirectories(root.resolve("deep/er/est"));
        Files.writeString(root.resolve("deep/er/est/leaf.txt"), "leaf\n");
        Files.createFile(root.resolve("empty.txt"));
        Files.writeString(root.resolve("Grüße aus Köln.txt"), "äöü ß €\n");
        Files.writeString(root.resolve("日本語.md"), "# こんにちは\n");
        writeRandom(root.resolve("deep/big data.bin"), bigBytes, 42);
        return root;
    }

    static void writeRandom(Path file, long bytes, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** Asserts the same relative paths, kinds and bytes under both folders. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        List<String> expectedPaths = relativePaths(expected);
        assertEquals(expectedPaths, relativePaths(actual), "the received tree lists other paths");
        for (String path : expectedPaths) {
            Path original = expected.resolve(path);
            if (Files.isRegularFile(original)) {
                assertEquals(-1L, Files.mismatch(original, actual.resolve(path)), path + " differs");
            }
        }
    }

    static List<String> relativePaths(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }
}
