package org.p2pcopy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A vector file that no test reads checks nothing: this fails until a new file has its test. */
class VectorFilesTest {
    // Every vector file and the test class that consumes it.
    private static final Map<String, String> CONSUMERS = Map.ofEntries(
            Map.entry("messages.json", "protocol.MessageCodecVectorTest"),
            Map.entry("chunks.json", "protocol.ChunkFrameVectorTest"),
            Map.entry("compressed.json", "protocol.CompressedChunkVectorTest"),
            Map.entry("chain.json", "protocol.HashChainVectorTest"),
            Map.entry("codes.json", "pairing.CodeVectorTest"),
            Map.entry("endpoints.json", "transport.RelayAddressVectorTest"),
            Map.entry("paths.json", "protocol.PathRulesVectorTest"),
            Map.entry("close-codes.json", "transport.RelayCloseCodeVectorTest"),
            Map.entry("error-codes.json", "protocol.ErrorCodeVectorTest"),
            Map.entry("transfer.json", "transfer.TransferVectorTest"),
            Map.entry("resume.json", "transfer.ResumeVectorTest"),
            Map.entry("spake2.json", "crypto.Spake2VectorTest"),
            Map.entry("handshake.json", "crypto.HandshakeVectorTest"),
            Map.entry("sealed.json", "crypto.SealedVectorTest"));

    @Test
    void everyVectorFileHasATest() throws IOException {
        Set<String> present;
        try (Stream<Path> files = Files.list(Vectors.folder())) {
            present = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(CONSUMERS.keySet()), present);
    }
}
