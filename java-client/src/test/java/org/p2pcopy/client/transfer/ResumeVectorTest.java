package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.HashChain;
import org.p2pcopy.client.protocol.Held;

/**
 * docs/vectors/resume.json: what a resuming receiver keeps and lists of a file, where the sender
 * continues, and the chunks and digest it then sends (docs/protocol.md §4.8) — through the code
 * both sides run: {@link Holdings} on the receiver, {@link PrefixChain} on the sender.
 */
class ResumeVectorTest {
    private static final String NAME = "f.bin";

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> resumes() {
        return Vectors.each("resume.json", test -> {
            Path folder = Files.createDirectories(temp.resolve("case" + test.getInt("tcId")));
            Path out = Files.createDirectories(folder.resolve("out"));
            Path source = folder.resolve("source.bin");
            byte[] file = content(test, "file");
            Files.write(source, file);
            Path target = out.resolve(NAME);
            Files.write("final".equals(test.getString("heldAt")) ? target : PartialFiles.nameFor(target),
                    content(test, "held"));

            Holdings holdings = Holdings.scan(OutputTree.open(out, false, true), List.of(Entry.file(NAME, file.length)),
                    TransferListener.SILENT);

            List<Held> listed = holdings.held();
            if (test.get("listed").getValueType() == JsonValue.ValueType.NULL) {
                assertEquals(List.of(), listed);
            } else {
                JsonObject expected = test.getJsonObject("listed");
                assertEquals(List.of(new Held(0, expected.getJsonNumber("size").longValue(),
                        expected.getString("chain"))), listed);
            }
            if ("partial".equals(test.getString("heldAt"))) {
                assertEquals(test.getJsonNumber("kept").longValue(), Files.size(PartialFiles.nameFor(target)));
            }
            assertSenderContinues(test, source, file.length, listed);
        });
    }

    private static void assertSenderContinues(JsonObject test, Path source, long size, List<Held> listed)
            throws Exception {
        HashChain chain = new HashChain();
        ByteBuffer buffer = ByteBuffer.allocate(ChunkFrame.MAX_PAYLOAD_BYTES);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            long offset = 0;
            if (!listed.isEmpty() && PrefixChain.startsWith(chain, channel, size, listed.get(0), buffer)) {
                offset = listed.get(0).size();
            } else {
                chain.reset();
                channel.position(0);
            }
            assertEquals(test.getJsonNumber("offset").longValue(), offset);
            long seq = offset / ChunkFrame.MAX_PAYLOAD_BYTES;
            for (JsonObject chunk : test.getJsonArray("chunks").getValuesAs(JsonObject.class)) {
                assertEquals(chunk.getJsonNumber("seq").longValue(), seq++);
                PrefixChain.advance(chain, channel, Math.min(ChunkFrame.MAX_PAYLOAD_BYTES, size - channel.position()),
                        buffer);
                assertEquals(chunk.getString("chain"), HexFormat.of().formatHex(chain.value()));
            }
            assertEquals(size, channel.position(), "the chunks reach the end of the file");
        }
        assertEquals(test.getString("digest"), HexFormat.of().formatHex(chain.value()));
    }

    private static byte[] content(JsonObject test, String key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonObject segment : test.getJsonArray(key).getValuesAs(JsonObject.class)) {
            bytes.writeBytes(Vectors.bytes(segment));
        }
        return bytes.toByteArray();
    }
}
