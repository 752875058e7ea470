package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.client.protocol.Entry.dir;
import static org.p2pcopy.client.protocol.Entry.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * The receiver writes only below its output folder (docs/protocol.md §4.3, §5), on a real folder with
 * real symbolic links. Each case has its own output folder and a folder "outside" beside it that must
 * stay as it was.
 */
class OutputTreeTest {
    @TempDir
    Path temp;

    private Path out;
    private Path outside;

    /** What is on disk before the manifest arrives. */
    private interface Setup {
        void prepare(Path out, Path outside) throws IOException;
    }

    private record Case(String name, Setup setup, List<Entry> manifest, boolean overwrite, ErrorCode refusal) {
    }

    private static final Setup NOTHING = (out, outside) -> { };

    private static final List<Case> REFUSED = List.of(
            new Case("a listed folder is a link that leads outside",
                    (out, outside) -> Files.createSymbolicLink(out.resolve("link"), outside),
                    List.of(dir("link"), file("link/evil.txt", 4)), true, ErrorCode.BAD_PATH),
            new Case("a link that leads outside, deeper down",
                    (out, outside) -> Files.createSymbolicLink(Files.createDirectory(out.resolve("a"))
                            .resolve("link"), outside),
                    List.of(dir("a"), dir("a/link"), file("a/link/evil.txt", 4)), true, ErrorCode.BAD_PATH),
            new Case("a parent element", NOTHING, List.of(file("../evil.txt", 4)), true, ErrorCode.BAD_PATH),
            new Case("a parent element inside", NOTHING, List.of(dir("a"), file("a/../../evil.txt", 4)), true,
                    ErrorCode.BAD_PATH),
            new Case("the same file twice", NOTHING, List.of(file("a", 1), file("a", 1)), false, ErrorCode.BAD_PATH),
            new Case("the same folder twice", NOTHING, List.of(dir("d"), dir("d")), false, ErrorCode.BAD_PATH),
            new Case("a file before its folder", NOTHING, List.of(file("d/x", 1), dir("d")), false,
                    ErrorCode.BAD_PATH),
            new Case("a file whose folder is not listed", NOTHING, List.of(file("d/x", 1)), false,
                    ErrorCode.BAD_PATH),
            new Case("a listed file used as a folder", NOTHING, List.of(file("d", 1), file("d/x", 1)), false,
                    ErrorCode.BAD_PATH),
            new Case("an existing file", (out, outside) -> write(out.resolve("a.txt"), "mine"),
                    List.of(file("a.txt", 4)), false, ErrorCode.EXISTS),
            new Case("an existing file in a folder",
                    (out, outside) -> write(Files.createDirectory(out.resolve("d")).resolve("a.txt"), "mine"),
                    List.of(dir("d"), file("d/a.txt", 4)), false, ErrorCode.EXISTS),
            new Case("an existing link at a file's name",
                    (out, outside) -> Files.createSymbolicLink(out.resolve("a.txt"), outside.resolve("secret.txt")),
                    List.of(file("a.txt", 4)), false, ErrorCode.EXISTS),
            new Case("a file where a folder is needed", (out, outside) -> write(out.resolve("d"), "mine"),
                    List.of(dir("d"), file("d/x", 1)), true, ErrorCode.EXISTS),
            new Case("a folder where a file is to go, even with overwrite",
                    (out, outside) -> Files.createDirectory(out.resolve("d")),
                    List.of(file("d", 1)), true, ErrorCode.EXISTS));

    @BeforeEach
    void folders() throws IOException {
        out = Files.createDirectory(temp.resolve("out"));
        outside = Files.createDirectory(temp.resolve("outside"));
        write(outside.resolve("secret.txt"), "secret");
    }

    @TestFactory
    Stream<DynamicTest> refusedManifests() {
        return REFUSED.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            // @TempDir is one folder for all dynamic tests of the factory: each case gets its own.
            Path caseOut = Files.createDirectory(temp.resolve("case " + c.name()));
            Path caseOutside = Files.createDirectory(caseOut.resolveSibling("outside of " + c.name()));
            c.setup().prepare(caseOut, caseOutside);
            Map<String, String> before = Frames.snapshot(temp);

            OutputTree tree = OutputTree.open(caseOut, c.overwrite());
            ProtocolException refused = assertThrows(ProtocolException.class, () -> tree.check(c.manifest()));

            assertEquals(c.refusal(), refused.code(), refused.getMessage());
            assertEquals(before, Frames.snapshot(temp), "something was written");
        }));
    }

    @Test
    void overwriteAllowsAnExistingFile() throws Exception {
        write(out.resolve("a.txt"), "mine");
        assertDoesNotThrow(() -> OutputTree.open(out, true).check(List.of(file("a.txt", 3))));
    }

    @Test
    void aLinkThatStaysInsideIsFollowed() throws Exception {
        Files.createSymbolicLink(out.resolve("alias"), Files.createDirectory(out.resolve("real")));
        OutputTree tree = OutputTree.open(out, false);
        List<Entry> manifest = List.of(dir("alias"), file("alias/x.txt", 3));

        receive(tree, manifest, "alias/x.txt", "new");

        assertEquals("new", Files.readString(out.resolve("real/x.txt")));
    }

    @Test
    void anOutputFolderReachedThroughALinkIsFine() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real out"));
        Path link = Files.createSymbolicLink(temp.resolve("linked out"), real);

        receive(OutputTree.open(link, false), List.of(dir("d"), file("d/x.txt", 3)), "d/x.txt", "new");

        assertEquals(Map.of("d", "dir", "d/x.txt", hex("new")), Frames.snapshot(real));
    }

    /** A link put in place between the check and the writes must not lead the writes outside either. */
    @Test
    void aLinkSwappedInAfterTheCheckIsRefusedByEveryWrite() throws Exception {
        OutputTree tree = OutputTree.open(out, false);
        List<Entry> manifest = List.of(dir("d"), file("d/x.txt", 4));
        tree.check(manifest);
        Files.createSymbolicLink(out.resolve("d"), outside);
        Map<String, String> before = Frames.snapshot(outside);

        assertEquals(ErrorCode.BAD_PATH, assertThrows(ProtocolException.class, () -> tree.createFolders(manifest))
                .code());
        assertEquals(ErrorCode.BAD_PATH, assertThrows(ProtocolException.class, () -> tree.create("d/x.txt", 0)).code());
        assertEquals(before, Frames.snapshot(outside));
    }

    /** With overwrite, a link at the final name is replaced as a name; what it points to stays untouched. */
    @Test
    void overwriteReplacesALinkNotItsTarget() throws Exception {
        Files.createSymbolicLink(out.resolve("a.txt"), outside.resolve("secret.txt"));

        receive(OutputTree.open(out, true), List.of(file("a.txt", 3)), "a.txt", "new");

        assertEquals(Map.of("a.txt", hex("new")), Frames.snapshot(out));
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
    }

    /** Without overwrite, a file that appears after the check is not replaced, and no temporary file stays. */
    @Test
    void aFileThatAppearsDuringTheTransferIsKeptAndSoIsTheData() throws Exception {
        OutputTree tree = OutputTree.open(out, false);
        tree.check(List.of(file("a.txt", 3)));
        try (PartialFile partial = tree.create("a.txt", 0)) {
            partial.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8)));
            write(out.resolve("a.txt"), "theirs");

            assertEquals(ErrorCode.EXISTS, assertThrows(ProtocolException.class, () -> tree.commit(partial)).code());
        }
        assertEquals(Map.of("a.txt", hex("theirs"), ".a.txt.p2p-copy-part", hex("new")), Frames.snapshot(out));
    }

    @Test
    void aVerifiedFileGetsItsNameAndNoTemporaryFileStays() throws Exception {
        receive(OutputTree.open(out, false), List.of(dir("d"), dir("d/empty"), file("d/x.txt", 3)), "d/x.txt",
                "new");

        assertEquals(Map.of("d", "dir", "d/empty", "dir", "d/x.txt", hex("new")), Frames.snapshot(out));
    }

    /** 1025 files of 2^53-1 bytes add up to more than a long holds: the sum must not wrap to a small one. */
    @Test
    void aManifestTooBigToAddUpIsRefusedForSpace() throws Exception {
        List<Entry> manifest = IntStream.range(0, 1025).mapToObj(i -> file("f" + i, Message.MAX_SAFE_INTEGER))
                .toList();
        ProtocolException refused = assertThrows(ProtocolException.class,
                () -> OutputTree.open(out, false).check(manifest));
        assertEquals(ErrorCode.NO_SPACE, refused.code(), refused.getMessage());
    }

    @Test
    void theOutputFolderMustNotBeAFile() throws Exception {
        Path file = temp.resolve("a file");
        write(file, "mine");
        assertThrows(TransferException.class, () -> OutputTree.open(file, false));
    }

    /** What Receiver does for a manifest with one file: check, make the folders, write the file, commit it. */
    private static void receive(OutputTree tree, List<Entry> manifest, String path, String content)
            throws ProtocolException, IOException {
        tree.check(manifest);
        tree.createFolders(manifest);
        try (PartialFile partial = tree.create(path, 0)) {
            partial.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            tree.commit(partial);
        }
        assertTrue(Files.isRegularFile(tree.root().resolve(path)), path + " is in place");
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content);
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
