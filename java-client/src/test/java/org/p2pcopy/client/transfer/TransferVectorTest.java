package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.crypto.FrameOpener;
import org.p2pcopy.client.crypto.ScalarSource;
import org.p2pcopy.client.crypto.SealedFormat;
import org.p2pcopy.client.crypto.TrafficKeys;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;

/**
 * docs/vectors/transfer.json: whole transfers frame by frame, handshake included (the vector fixes
 * both SPAKE2 secrets). The sender, given the vector's tree, must send the vector's sender frames;
 * the receiver, given those, must answer with the vector's receiver frames and write the tree.
 * Sealed frames are compared by their plaintexts, opened with the vector's keys, because the JSON
 * inside may order its members differently from the vector. The relay's own frames ("from":
 * "relay") are consumed by RelayConnection before the transfer starts, so they are not part of the script.
 */
class TransferVectorTest {
    @TempDir
    Path temp;

    /** One frame of the vector: what goes over the wire, and what it carries. */
    private record VectorFrame(Role from, Incoming wire, Incoming plaintext) {
    }

    @TestFactory
    Stream<DynamicTest> senderSendsTheVectorFrames() {
        return Vectors.each("transfer.json", test -> {
            Path source = Files.createDirectories(temp.resolve("tc" + test.getInt("tcId")).resolve("source"));
            writeTree(source, test);
            List<Path> paths = test.getJsonArray("sendPaths").getValuesAs(JsonString.class).stream()
                    .map(path -> source.resolve(path.getString())).toList();
            List<VectorFrame> frames = frames(test);
            ScriptedChannel channel = peerOf(Role.SENDER, frames);

            // The sender offers zstd exactly when the vector's sender did.
            CompressionMode compression = offered(Role.SENDER, frames).contains(Hello.ZSTD)
                    ? CompressionMode.ON : CompressionMode.OFF;
            new Sender(channel, Code.parse(test.getString("code")), SourceTree.scan(paths, TransferListener.SILENT),
                    test.getBoolean("encrypt"), compression, TransferListener.SILENT, secret(test, "senderSecret")).run();

            assertEquals(expected(Role.SENDER, frames), opened(Role.SENDER, test, channel.sent()));
        });
    }

    @TestFactory
    Stream<DynamicTest> receiverAnswersAndWritesTheTree() {
        return Vectors.each("transfer.json", test -> {
            Path out = temp.resolve("tc" + test.getInt("tcId")).resolve("out");
            List<VectorFrame> frames = frames(test);
            ScriptedChannel channel = peerOf(Role.RECEIVER, frames);

            new Receiver(channel, Code.parse(test.getString("code")), OutputTree.open(out, false),
                    TransferListener.SILENT, secret(test, "receiverSecret"), offered(Role.RECEIVER, frames)).run();

            assertEquals(expected(Role.RECEIVER, frames), opened(Role.RECEIVER, test, channel.sent()));
            assertEquals(expectedTree(test), Frames.snapshot(out));
        });
    }

    /**
     * The capabilities in {@code side}'s hello: the vectors may come from before a capability was
     * added, and the capability lists are bound into the handshake's MACs.
     */
    private static List<String> offered(Role side, List<VectorFrame> frames) throws ProtocolException {
        Incoming.Text hello = (Incoming.Text) frames.stream().filter(frame -> frame.from() == side).findFirst()
                .orElseThrow().plaintext();
        return ((Hello) MessageCodec.decode(hello.text())).capabilities();
    }

    private static ScalarSource secret(JsonObject test, String key) {
        return ScalarSource.fixed(new BigInteger(test.getString(key), 16));
    }

    /** The peers' frames of the vector; the relay's are left out (see the class comment). */
    private static List<VectorFrame> frames(JsonObject test) {
        return test.getJsonArray("frames").getValuesAs(JsonObject.class).stream()
                .filter(frame -> !frame.getString("from").equals("relay"))
                .map(frame -> {
                    Role from = Role.fromWire(frame.getString("from"));
                    if (frame.containsKey("sealed")) {
                        return new VectorFrame(from, Frames.binary(Vectors.hex(frame.getString("wire"))),
                                plain(frame.getJsonObject("sealed")));
                    }
                    Incoming plain = plain(frame);
                    return new VectorFrame(from, plain, plain);
                })
                .toList();
    }

    private static Incoming plain(JsonObject frame) {
        return frame.containsKey("text") ? Frames.text(frame.getString("text"))
                : Frames.binary(Vectors.hex(frame.getString("binary")));
    }

    private static List<Object> expected(Role side, List<VectorFrame> frames) {
        return Frames.comparable(frames.stream().filter(frame -> frame.from() == side).map(VectorFrame::plaintext)
                .toList());
    }

    /**
     * What {@code side} sent, as comparable plaintexts: the handshake's text frames as they are,
     * every later frame opened with the vector's key for that direction when the transfer is encrypted.
     */
    private static List<Object> opened(Role side, JsonObject test, List<Incoming> sent) throws AEADBadTagException {
        if (!test.getBoolean("encrypt")) {
            return Frames.comparable(sent);
        }
        TrafficKeys keys = TrafficKeys.of(Vectors.hex(test.getString("keyS2R")), Vectors.hex(test.getString("keyR2S")));
        FrameOpener opener = keys.openerFor(side.other());
        List<Incoming> plaintexts = new ArrayList<>(sent.subList(0, 2)); // hello, confirm
        for (Incoming frame : sent.subList(2, sent.size())) {
            ByteBuffer plaintext = opener.open(((Incoming.Binary) frame).data().duplicate(),
                    ByteBuffer.allocate(1 + SealedFormat.MAX_BODY_BYTES));
            byte kind = plaintext.get();
            plaintexts.add(kind == SealedFormat.CONTROL
                    ? Frames.text(StandardCharsets.UTF_8.decode(plaintext).toString()) : new Incoming.Binary(plaintext));
        }
        return Frames.comparable(plaintexts);
    }

    /** Plays the other side of {@code self}: each of its frames follows the frames before it in the vector. */
    private static ScriptedChannel peerOf(Role self, List<VectorFrame> frames) {
        ScriptedChannel channel = new ScriptedChannel();
        int ownFrames = 0;
        for (VectorFrame frame : frames) {
            if (frame.from() == self) {
                ownFrames++;
            } else {
                channel.whenSent(ownFrames, frame.wire());
            }
        }
        return channel;
    }

    private static void writeTree(Path root, JsonObject test) throws IOException {
        for (JsonObject entry : test.getJsonArray("tree").getValuesAs(JsonObject.class)) {
            Path path = root.resolve(entry.getString("path"));
            if (entry.getString("kind").equals("dir")) {
                Files.createDirectories(path);
            } else {
                Files.write(path, Vectors.hex(entry.getString("hex")));
            }
        }
    }

    /** The tree in the form of {@link Frames#snapshot}. */
    private static Map<String, String> expectedTree(JsonObject test) {
        Map<String, String> tree = new TreeMap<>();
        for (JsonObject entry : test.getJsonArray("tree").getValuesAs(JsonObject.class)) {
            tree.put(entry.getString("path"), entry.getString("kind").equals("dir") ? "dir" : entry.getString("hex"));
        }
        return tree;
    }
}
