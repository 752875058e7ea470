package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.transport.Incoming;

/**
 * docs/vectors/transfer.json: a whole transfer frame by frame. The sender, given the vector's tree,
 * must send exactly the vector's sender frames; the receiver, given those, must answer with the
 * vector's receiver frames and write the tree. The relay's own frames ("from": "relay") are consumed
 * by RelayConnection before the transfer starts, so they are not part of the script.
 */
class TransferVectorTest {
    private static final String SENDER = "sender";
    private static final String RECEIVER = "receiver";

    @TempDir
    Path temp;

    /** One frame of the vector, from one of the peers. */
    private record VectorFrame(String from, Incoming frame) {
    }

    @TestFactory
    Stream<DynamicTest> senderSendsTheVectorFrames() {
        return Vectors.each("transfer.json", test -> {
            Path source = Files.createDirectories(temp.resolve("tc" + test.getInt("tcId")).resolve("source"));
            writeTree(source, test);
            List<Path> paths = test.getJsonArray("sendPaths").getValuesAs(JsonString.class).stream()
                    .map(path -> source.resolve(path.getString())).toList();
            List<VectorFrame> frames = frames(test);
            ScriptedChannel channel = peerOf(SENDER, frames);

            new Sender(channel, Code.parse(test.getString("code")), SourceTree.scan(paths, TransferListener.SILENT),
                    TransferListener.SILENT).run();

            assertEquals(Frames.comparable(framesFrom(SENDER, frames)), Frames.comparable(channel.sent()));
        });
    }

    @TestFactory
    Stream<DynamicTest> receiverAnswersAndWritesTheTree() {
        return Vectors.each("transfer.json", test -> {
            Path out = temp.resolve("tc" + test.getInt("tcId")).resolve("out");
            List<VectorFrame> frames = frames(test);
            ScriptedChannel channel = peerOf(RECEIVER, frames);

            new Receiver(channel, Code.parse(test.getString("code")), OutputTree.open(out, false),
                    TransferListener.SILENT).run();

            assertEquals(Frames.comparable(framesFrom(RECEIVER, frames)), Frames.comparable(channel.sent()));
            assertEquals(expectedTree(test), Frames.snapshot(out));
        });
    }

    /** The peers' frames of the vector; the relay's are left out (see the class comment). */
    private static List<VectorFrame> frames(JsonObject test) {
        return test.getJsonArray("frames").getValuesAs(JsonObject.class).stream()
                .filter(frame -> !frame.getString("from").equals("relay"))
                .map(frame -> new VectorFrame(frame.getString("from"), frame.containsKey("text")
                        ? Frames.text(frame.getString("text"))
                        : Frames.binary(Vectors.hex(frame.getString("binary")))))
                .toList();
    }

    private static List<Incoming> framesFrom(String side, List<VectorFrame> frames) {
        return frames.stream().filter(frame -> frame.from().equals(side)).map(VectorFrame::frame).toList();
    }

    /** Plays the other side of {@code self}: each of its frames follows the frames before it in the vector. */
    private static ScriptedChannel peerOf(String self, List<VectorFrame> frames) {
        ScriptedChannel channel = new ScriptedChannel();
        int ownFrames = 0;
        for (VectorFrame frame : frames) {
            if (frame.from().equals(self)) {
                ownFrames++;
            } else {
                channel.whenSent(ownFrames, frame.frame());
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
