package org.p2pcopy.client.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The JSON type of every member of every message. JSON-B converts leniently ("12" to 12, 1 to "1"),
 * but the document makes a member of the wrong type a protocol error, so the tree is checked here
 * before it is bound to a record.
 */
final class MessageSchema {
    enum Kind { STRING, OPTIONAL_STRING, COUNT, OPTIONAL_COUNT, BOOLEAN, STRINGS, ENTRIES, OPTIONAL_HELD }

    private static final Map<String, Map<String, Kind>> MEMBERS = Map.of(
            "hello", Map.of("version", Kind.COUNT, "role", Kind.STRING, "capabilities", Kind.STRINGS,
                    "spake2", Kind.STRING, "software", Kind.OPTIONAL_STRING),
            "confirm", Map.of("mac", Kind.STRING),
            "manifest", Map.of("entries", Kind.ENTRIES, "more", Kind.BOOLEAN),
            "accept", Map.of("resume", Kind.OPTIONAL_HELD),
            "file_begin", Map.of("index", Kind.COUNT, "path", Kind.STRING, "size", Kind.COUNT,
                    "offset", Kind.OPTIONAL_COUNT),
            "file_end", Map.of("index", Kind.COUNT, "chunks", Kind.COUNT, "size", Kind.COUNT, "digest", Kind.STRING),
            "end", Map.of("files", Kind.COUNT, "bytes", Kind.COUNT),
            "ack", Map.of("files", Kind.COUNT, "bytes", Kind.COUNT),
            "error", Map.of("code", Kind.STRING, "message", Kind.STRING));

    private static final Map<String, Kind> ENTRY = Map.of("path", Kind.STRING, "kind", Kind.STRING,
            "size", Kind.OPTIONAL_COUNT);

    private static final Map<String, Kind> HELD = Map.of("index", Kind.COUNT, "size", Kind.COUNT,
            "chain", Kind.STRING);

    private MessageSchema() {
    }

    /** Returns the message type after checking every member it defines. */
    static String check(JsonObject message) throws ProtocolException {
        JsonValue type = message.get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw new ProtocolException("a control message without a string member \"type\"");
        }
        String name = ((jakarta.json.JsonString) type).getString();
        Map<String, Kind> members = MEMBERS.get(name);
        if (members == null) {
            throw new ProtocolException("unknown message type \"" + PathRules.printable(name) + "\"");
        }
        checkMembers(name, message, members);
        return name;
    }

    private static void checkMembers(String where, JsonObject object, Map<String, Kind> members)
            throws ProtocolException {
        for (Map.Entry<String, Kind> member : members.entrySet()) {
            checkMember(where, member.getKey(), object.get(member.getKey()), member.getValue());
        }
    }

    private static void checkMember(String where, String name, JsonValue value, Kind kind) throws ProtocolException {
        boolean optional = kind == Kind.OPTIONAL_STRING || kind == Kind.OPTIONAL_COUNT || kind == Kind.OPTIONAL_HELD;
        if (value == null && optional) {
            return;
        }
        if (value == null) {
            throw new ProtocolException(where + ": member \"" + name + "\" is missing");
        }
        boolean ok = switch (kind) {
            case STRING, OPTIONAL_STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case COUNT, OPTIONAL_COUNT -> isCount(value);
            case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case STRINGS -> value.getValueType() == JsonValue.ValueType.ARRAY && ((JsonArray) value).stream()
                    .allMatch(item -> item.getValueType() == JsonValue.ValueType.STRING);
            case ENTRIES -> checkObjects(where + " entry", value, ENTRY);
            case OPTIONAL_HELD -> checkObjects(where + " resume item", value, HELD);
        };
        if (!ok) {
            throw new ProtocolException(where + ": member \"" + name + "\" is not " + describe(kind));
        }
    }

    /** An array of objects whose members are {@code members}. */
    private static boolean checkObjects(String where, JsonValue value, Map<String, Kind> members)
            throws ProtocolException {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        for (JsonValue item : (JsonArray) value) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                return false;
            }
            checkMembers(where, (JsonObject) item, members);
        }
        return true;
    }

    private static boolean isCount(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            return false;
        }
        JsonNumber number = (JsonNumber) value;
        if (!number.isIntegral()) {
            return false;
        }
        var exact = number.bigDecimalValue();
        return exact.signum() >= 0 && exact.compareTo(java.math.BigDecimal.valueOf(Message.MAX_SAFE_INTEGER)) <= 0;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case STRING, OPTIONAL_STRING -> "a string";
            case COUNT, OPTIONAL_COUNT -> "an integer from 0 to 2^53-1";
            case BOOLEAN -> "true or false";
            case STRINGS -> "an array of strings";
            case ENTRIES -> "an array of entries";
            case OPTIONAL_HELD -> "an array of {index, size, chain}";
        };
    }
}
