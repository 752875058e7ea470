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
    private static final Map<String, String> CONSUMERS = Map.of(
            "messages.json", "protocol.MessageCodecVectorTest",
            "chunks.json", "protocol.ChunkFrameVectorTest",
            "chain.json", "protocol.HashChainVectorTest",
            "codes.json", "pairing.CodeVectorTest",
            "endpoints.json", "transport.RelayAddressVectorTest",
            "paths.json", "protocol.PathRulesVectorTest",
            "close-codes.json", "transport.RelayCloseCodeVectorTest",
            "error-codes.json", "protocol.ErrorCodeVectorTest",
            "transfer.json", "transfer.TransferVectorTest");

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
