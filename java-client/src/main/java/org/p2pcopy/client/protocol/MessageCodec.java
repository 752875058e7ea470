package org.p2pcopy.client.protocol;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;

/**
 * Control messages to and from JSON text (docs/protocol.md §3.1), with JSON-B. Decoding is strict
 * about what the document requires and ignores members it does not know.
 */
public final class MessageCodec {
    /** A control message is at most 1 MiB of text. */
    public static final int MAX_TEXT_CHARS = 1024 * 1024;

    // Building a Jsonb instance is costly and the instance is thread-safe: one per process.
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonParserFactory PARSERS = Json.createParserFactory(null);

    private MessageCodec() {
    }

    /**
     * Builds JSON-B's bindings for every message, which takes a few hundred milliseconds: worth
     * doing on another core while the connection to the relay is made.
     */
    public static void warmUp() {
        try {
            decode(encode(new End(0, 0)));
        } catch (ProtocolException e) {
            throw new IllegalStateException("the codec cannot read what it writes", e);
        }
    }

    public static String encode(Message message) {
        return JSONB.toJson(message);
    }

    public static Message decode(String text) throws ProtocolException {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ProtocolException("a control message of " + text.length() + " characters");
        }
        String type = MessageSchema.check(readObject(text));
        try {
            return JSONB.fromJson(text, Message.class);
        } catch (JsonbException e) {
            throw new ProtocolException("a malformed " + type + " message: " + rootMessage(e));
        }
    }

    /**
     * The text as one JSON object. JSON-B and JsonReader stop after the first value and ignore what
     * follows; RFC 8259 allows only white space there, so the parser is asked for the end itself.
     */
    private static JsonObject readObject(String text) throws ProtocolException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ProtocolException("a control message that is not a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new ProtocolException("a control message with more after its JSON object");
            }
            return object;
        } catch (JsonException e) {
            throw new ProtocolException("a control message that is not a JSON object");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
