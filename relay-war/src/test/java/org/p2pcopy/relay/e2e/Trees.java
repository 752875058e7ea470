package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.SplittableRandom;
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

    /**
     * {@code bytes} incompressible bytes, the same for the same seed. SplittableRandom makes eight
     * bytes a step, several times faster than Random's nextBytes: hundreds of MiB in about a second.
     */
    static void writeRandom(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer block = ByteBuffer.allocate(1 << 20);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    block.putLong(random.nextLong());
                }
                out.write(block.array(), 0, (int) Math.min(block.capacity(), left));
            }
        }
    }

    /**
     * A tree of {@code totalBytes} (a multiple of 8 MiB, at least 64 MiB) of random bytes in files of
     * very different sizes: one that holds most of it, two middle ones, a short one in a nested folder,
     * one of a few bytes, an empty file and an empty folder. A transfer cut anywhere in it leaves
     * complete, partial and untouched files.
     */
    static Path makeMixedTree(Path root, long totalBytes) throws IOException {
        long mib = 1024 * 1024;
        Files.createDirectories(root.resolve("nested/deeper"));
        Files.createDirectories(root.resolve("empty folder"));
        Files.createFile(root.resolve("empty.bin"));
        Files.writeString(root.resolve("tiny.txt"), "tiny\n");
        // Sizes off the 1 MiB chunk size, so that every file ends in a short chunk.
        long[] sizes = {24 * mib + 17, 40 * mib + 4099, 3 * mib + 1};
        String[] names = {"a middle.bin", "nested/b middle.bin", "nested/deeper/c short.bin"};
        long rest = totalBytes - "tiny\n".length();
        for (int i = 0; i < sizes.length; i++) {
            writeRandom(root.resolve(names[i]), sizes[i], 100 + i);
            rest -= sizes[i];
        }
        writeRandom(root.resolve("z large.bin"), rest, 99);
        return root;
    }

    /**
     * The bytes of every regular file under {@code root}, partial files included; while a client
     * renames or removes files there, what vanishes mid-walk is not counted.
     */
    static long bytesUnder(Path root) throws IOException {
        long[] total = {0};
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException gone) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** The partial files ({@code .NAME.p2p-copy-part}) under {@code root}, as relative paths. */
    static List<String> partialFiles(Path root) throws IOException {
        return relativePaths(root).stream().filter(p -> p.endsWith(".p2p-copy-part")).toList();
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
