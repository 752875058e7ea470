package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;

class CommitterTest {
    @TempDir
    Path out;

    private final List<String> verified = new ArrayList<>();
    private final TransferListener listener = new TransferListener() {
        @Override
        public void fileVerified(String path, long size, String digestHex) {
            verified.add(path);
        }
    };

    private PartialFile written(OutputTree tree, String path, String content) throws Exception {
        PartialFile file = tree.create(path, 0);
        file.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    @Test
    void everyFileIsInPlaceAndReportedInOrderOnceFinished() throws Exception {
        OutputTree tree = OutputTree.open(out, false);
        List<Entry> manifest = new ArrayList<>();
        for (int i = 0; i < Committer.MAX_PENDING * 2; i++) {
            manifest.add(Entry.file("f" + i, 1));
        }
        tree.check(manifest);
        tree.createFolders(manifest);
        try (Committer committer = new Committer(tree, listener)) {
            for (Entry entry : manifest) {
                committer.submit(written(tree, entry.path(), "x"), 1, "00");
            }
            committer.finish();
        }
        assertEquals(manifest.stream().map(Entry::path).toList(), verified);
        for (Entry entry : manifest) {
            assertEquals("x", Files.readString(out.resolve(entry.path())));
        }
        try (var names = Files.list(out)) {
            assertEquals(manifest.size(), names.count(), "a temporary file remained");
        }
    }

    @Test
    void aFileThatCannotTakeItsNameFailsTheTransferAndKeepsItsDataUnderTheTemporaryName() throws Exception {
        OutputTree tree = OutputTree.open(out, false);
        List<Entry> manifest = List.of(Entry.file("taken.txt", 3));
        tree.check(manifest);
        tree.createFolders(manifest);
        PartialFile file = written(tree, "taken.txt", "new");
        Files.writeString(out.resolve("taken.txt"), "someone else's");
        ProtocolException failure;
        try (Committer committer = new Committer(tree, listener)) {
            committer.submit(file, 3, "00");
            failure = assertThrows(ProtocolException.class, committer::finish);
        }
        assertEquals(ErrorCode.EXISTS, failure.code());
        assertEquals("someone else's", Files.readString(out.resolve("taken.txt")));
        try (var names = Files.list(out)) {
            assertEquals(Set.of(out.resolve("taken.txt"), out.resolve(".taken.txt.p2p-copy-part")),
                    names.collect(Collectors.toSet()));
        }
        assertEquals(List.of(), verified);
    }
}
