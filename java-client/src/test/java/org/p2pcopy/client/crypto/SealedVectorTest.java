package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.transport.FrameChannel;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;
import org.p2pcopy.client.transport.SealedChannel;

/**
 * docs/vectors/sealed.json: sealed frames (docs/protocol.md §7.3), sealed with {@link FrameSealer},
 * opened with {@link FrameOpener}, and received through a {@link SealedChannel}, which must stop with
 * {@code integrity} on every invalid case.
 */
class SealedVectorTest {
    private static final String FILE = "sealed.json";
    private static final HexFormat HEX = HexFormat.of();

    /** A sealed frame and what its receiver opens it with. */
    private record Sealed(byte[] wire, byte[] key, byte[] tag, long counter) {
        /** {@code wire}, opened with the case's key, tag and counter. */
        static Sealed of(JsonObject test, byte[] wire) {
            return new Sealed(wire, Vectors.hex(test.getString("key")), Vectors.hex(test.getString("tag")), counterOf(test));
        }

        Sealed withWire(byte[] other) {
            return new Sealed(other, key, tag, counter);
        }

        /** Opens the frame with an opener over {@code opening}, whose counter the caller may then check. */
        ByteBuffer open(FrameCipher opening) throws AEADBadTagException {
            return new FrameOpener(opening).open(ByteBuffer.wrap(wire), ByteBuffer.allocate(SealedFormat.MAX_PLAINTEXT_BYTES));
        }

        ByteBuffer open() throws AEADBadTagException {
            return open(cipher(false));
        }

        FrameCipher cipher(boolean sealing) {
            return new FrameCipher(sealing, key, tag, counter);
        }

        /** What a SealedChannel hands on when the relay delivers this frame. */
        Incoming receive() throws Exception {
            FrameSealer unused = new FrameSealer(cipher(true));
            return new SealedChannel(new OneFrame(wire), unused, new FrameOpener(cipher(false))).receive();
        }
    }

    @TestFactory
    Stream<DynamicTest> sealedFrames() {
        Map<Integer, JsonObject> byTcId = Vectors.tests(FILE).stream()
                .collect(Collectors.toMap(test -> test.getInt("tcId"), Function.identity()));
        return Vectors.each(FILE, test -> {
            if (Vectors.isValid(test)) {
                checkValid(test);
            } else if (test.containsKey("base")) {
                checkTampered(test, byTcId.get(test.getInt("base")));
            } else {
                checkRefusedPlaintext(test);
            }
        });
    }

    /**
     * Sealing gives the vector's frame of {@code records} records; it opens to kind || body, both ends
     * move on to nextCounter, and a SealedChannel hands the body on as text (kind 1) or a chunk (kind 2).
     */
    private static void checkValid(JsonObject test) throws Exception {
        byte[] body = Vectors.bytes(test.getJsonObject("body"));
        FrameCipher sealing = sealing(test);
        byte[] wire = seal(test, sealing);
        if (test.containsKey("wire")) {
            assertEquals(test.getString("wire"), HEX.formatHex(wire), "wire");
        } else {
            assertEquals(test.getInt("wireLength"), wire.length, "wireLength");
            assertEquals(test.getString("wireSha256"), HEX.formatHex(sha256(wire)), "wireSha256");
        }
        assertEquals(SealedFormat.wireBytes(body.length), wire.length, "SealedFormat.wireBytes");
        long nextCounter = test.getJsonNumber("nextCounter").longValueExact();
        assertEquals(test.getInt("records"), nextCounter - counterOf(test), "records = nextCounter - counter");
        assertEquals(test.getInt("records"), SealedFormat.records(1 + body.length), "SealedFormat.records");
        assertEquals(nextCounter, sealing.nextSequence(), "the sealing side's next counter");

        Sealed frame = Sealed.of(test, wire);
        FrameCipher opening = frame.cipher(false);
        assertEquals(ByteBuffer.wrap(plaintext(test, body)), frame.open(opening), "opened: kind || body");
        assertEquals(nextCounter, opening.nextSequence(), "the opening side's next counter");

        Incoming received = frame.receive();
        if (test.getInt("kind") == SealedFormat.CONTROL) {
            assertEquals(new Incoming.Text(new String(body, StandardCharsets.UTF_8)), received, "a control message");
        } else {
            assertEquals(ByteBuffer.wrap(body), assertInstanceOf(Incoming.Binary.class, received).data(), "a chunk frame");
        }
    }

    /** The base case's frame, changed by the mutation, fails to open, and the receiver stops with integrity. */
    private static void checkTampered(JsonObject test, JsonObject base) throws Exception {
        Sealed sealed = Sealed.of(base, seal(base, sealing(base)));
        Sealed tampered = mutate(sealed, test.getJsonObject("mutation"));
        assertThrows(AEADBadTagException.class, tampered::open);
        assertStopsWithIntegrity(tampered);
    }

    /**
     * The frame is authentic and opens to {@code plaintext}, which the receiver must refuse: empty,
     * of an unknown kind, or a control message that is not UTF-8.
     */
    private static void checkRefusedPlaintext(JsonObject test) throws Exception {
        Sealed frame = Sealed.of(test, Vectors.hex(test.getString("wire")));
        byte[] plaintext = Vectors.hex(test.getString("plaintext"));
        // The frame is one record; opened on its own it authenticates and gives the plaintext.
        ByteBuffer record = ByteBuffer.allocate(plaintext.length);
        frame.cipher(false).open(SealedFormat.aad(frame.counter(), true), ByteBuffer.wrap(frame.wire()), record);
        assertEquals(ByteBuffer.wrap(plaintext), record.flip(), "the record's plaintext");
        if (plaintext.length == 0) {
            // A lone 16-byte tag: the last piece of a frame is 17 bytes at least (§7.3), so it is refused unopened.
            assertThrows(AEADBadTagException.class, frame::open);
        } else {
            assertEquals(ByteBuffer.wrap(plaintext), frame.open(), "the frame's plaintext");
        }
        assertStopsWithIntegrity(frame);
    }

    private static void assertStopsWithIntegrity(Sealed frame) throws Exception {
        Incoming.Broken broken = assertInstanceOf(Incoming.Broken.class, frame.receive(), "the receiver stops");
        assertEquals(ErrorCode.INTEGRITY, assertInstanceOf(ProtocolException.class, broken.cause()).code());
    }

    /** The mutations of README.md: change the wire, or open the unchanged wire with another counter, tag or key. */
    private static Sealed mutate(Sealed frame, JsonObject mutation) {
        assertEquals(1, mutation.size(), "one mutation");
        String name = mutation.keySet().iterator().next();
        return switch (name) {
            case "flipByte" -> {
                byte[] wire = frame.wire().clone();
                wire[mutation.getInt(name)] ^= 0x01;
                yield frame.withWire(wire);
            }
            case "truncate" -> frame.withWire(Arrays.copyOf(frame.wire(), mutation.getInt(name)));
            case "swapRecords" -> {
                List<byte[]> records = records(frame.wire());
                Collections.swap(records, mutation.getJsonArray(name).getInt(0), mutation.getJsonArray(name).getInt(1));
                yield frame.withWire(join(records));
            }
            case "dropRecord" -> {
                List<byte[]> records = records(frame.wire());
                records.remove(mutation.getInt(name));
                yield frame.withWire(join(records));
            }
            case "appendBytes" -> frame.withWire(join(List.of(frame.wire(), Vectors.hex(mutation.getString(name)))));
            case "openCounter" -> new Sealed(frame.wire(), frame.key(), frame.tag(),
                    mutation.getJsonNumber(name).longValueExact());
            case "openTag" -> new Sealed(frame.wire(), frame.key(), Vectors.hex(mutation.getString(name)), frame.counter());
            case "openKey" -> new Sealed(frame.wire(), Vectors.hex(mutation.getString(name)), frame.tag(), frame.counter());
            default -> throw new AssertionError("unknown mutation " + mutation);
        };
    }

    /** The sealing end of the case's direction, at the case's counter. */
    private static FrameCipher sealing(JsonObject test) {
        return new FrameCipher(true, Vectors.hex(test.getString("key")), Vectors.hex(test.getString("tag")), counterOf(test));
    }

    /** Seals the case's kind || body with {@code sealing} and returns the frame. */
    private static byte[] seal(JsonObject test, FrameCipher sealing) {
        ByteBuffer out = ByteBuffer.allocate(SealedFormat.MAX_WIRE_BYTES);
        byte[] body = Vectors.bytes(test.getJsonObject("body"));
        new FrameSealer(sealing).seal((byte) test.getInt("kind"), ByteBuffer.wrap(body), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] plaintext(JsonObject test, byte[] body) {
        return join(List.of(new byte[] {(byte) test.getInt("kind")}, body));
    }

    /** The frame cut as it was sealed: records of 16400 bytes with their tags, the last one the rest. */
    private static List<byte[]> records(byte[] wire) {
        List<byte[]> records = new ArrayList<>();
        for (int start = 0; start < wire.length; start += SealedFormat.PIECE_BYTES) {
            records.add(Arrays.copyOfRange(wire, start, Math.min(wire.length, start + SealedFormat.PIECE_BYTES)));
        }
        return records;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        parts.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    private static long counterOf(JsonObject test) {
        return test.getJsonNumber("counter").longValueExact();
    }

    private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** A relay that delivers one binary frame: the channel under test only receives. */
    private record OneFrame(byte[] wire) implements FrameChannel {
        @Override
        public Incoming receive() {
            return new Incoming.Binary(ByteBuffer.wrap(wire));
        }

        @Override
        public Incoming poll(Duration timeout) {
            return receive();
        }

        @Override
        public void sendText(String text) {
            throw new UnsupportedOperationException("receives only");
        }

        @Override
        public void sendBinary(ByteBuffer frame) {
            throw new UnsupportedOperationException("receives only");
        }

        @Override
        public void flush() {
        }

        @Override
        public void release(Incoming.Binary binary) {
        }

        @Override
        public void closeAs(PeerCloseCode code) {
            throw new UnsupportedOperationException("never closed");
        }
    }
}
