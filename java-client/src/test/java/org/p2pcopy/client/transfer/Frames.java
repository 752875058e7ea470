package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.transport.Incoming;

/** Frames a test peer sends, frames as tests compare them, and folders as tests compare them. */
final class Frames {
    static final byte[] ZERO_CHAIN = new byte[32];

    private Frames() {
    }

    static Incoming text(Message message) {
        return new Incoming.Text(MessageCodec.encode(message));
    }

    static Incoming text(String json) {
        return new Incoming.Text(json);
    }

    static Incoming binary(byte[] frame) {
        return new Incoming.Binary(ByteBuffer.wrap(frame));
    }

    /** A chunk frame built here byte by byte, independently of ChunkFrame. */
    static Incoming chunk(long seq, byte[] chain, byte[] payload) {
        return new Incoming.Binary(ByteBuffer.allocate(8 + chain.length + payload.length).putLong(seq).put(chain)
                .put(payload).flip());
    }

    /** chain(seq) = SHA-256(chain(seq-1) || payload), docs/protocol.md §3.2. */
    static byte[] chain(byte[] previous, byte[] payload) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            return sha256.digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A frame as tests compare it: text as a JSON object, without hello's optional member software,
     * which names the implementation; binary as hex.
     */
    static Object comparable(Incoming frame) {
        if (frame instanceof Incoming.Binary binary) {
            ByteBuffer data = binary.data().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return "binary " + HexFormat.of().formatHex(bytes);
        }
        JsonObject json = Vectors.json(((Incoming.Text) frame).text());
        return "hello".equals(json.getString("type", null)) ? Json.createObjectBuilder(json).remove("software").build()
                : json;
    }

    static List<Object> comparable(List<Incoming> frames) {
        return frames.stream().map(Frames::comparable).toList();
    }

    /** The error messages among the frames, by their code. */
    static List<String> errorCodes(List<Incoming> frames) {
        return frames.stream().filter(Incoming.Text.class::isInstance).map(frame -> Vectors.json(
                ((Incoming.Text) frame).text())).filter(json -> "error".equals(json.getString("type")))
                .map(json -> json.getString("code")).toList();
    }

    static void assertSentError(String code, ScriptedChannel channel) {
        assertEquals(List.of(code), errorCodes(channel.sent()), "error messages sent");
    }

    /**
     * Everything below {@code root}: each path ('/'-separated) to "dir", "link to ..." or the file's
     * content in hex, so that an assertion shows the whole difference, left-over temporary files included.
     */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.skip(1).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                tree.put(relative, Files.isSymbolicLink(path) ? "link to " + Files.readSymbolicLink(path)
                        : Files.isDirectory(path) ? "dir" : HexFormat.of().formatHex(Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }
}
