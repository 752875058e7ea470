package org.p2pcopy.client.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * A control message: one JSON object in a WebSocket text frame, told apart by its member
 * {@code type} (docs/protocol.md §3.1). One record per type; {@link MessageCodec} reads and writes them.
 */
@JsonbTypeInfo(key = "type", value = {
    @JsonbSubtype(alias = "hello", type = Hello.class),
    @JsonbSubtype(alias = "confirm", type = Confirm.class),
    @JsonbSubtype(alias = "manifest", type = Manifest.class),
    @JsonbSubtype(alias = "accept", type = Accept.class),
    @JsonbSubtype(alias = "file_begin", type = FileBegin.class),
    @JsonbSubtype(alias = "file_end", type = FileEnd.class),
    @JsonbSubtype(alias = "end", type = End.class),
    @JsonbSubtype(alias = "ack", type = Ack.class),
    @JsonbSubtype(alias = "error", type = ErrorMessage.class)
})
public sealed interface Message permits Hello, Confirm, Manifest, Accept, FileBegin, FileEnd, End, Ack, ErrorMessage {
    /** The largest integer JavaScript reads exactly: sizes and counts stay below it. */
    long MAX_SAFE_INTEGER = (1L << 53) - 1;

    static long requireCount(long value, String name) {
        if (value < 0 || value > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
        return value;
    }

    static String requireDigest(String hex, String name) {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex digits");
        }
        return hex;
    }

    static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
