package org.p2pcopy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The protocol's test vectors (docs/vectors/*.json, written by an independent Python implementation).
 * Maven passes their folder as the system property {@code p2pcopy.vectors}; each vector becomes one
 * dynamic test named by its tcId and comment, so that a failure says which vector broke.
 */
public final class Vectors {
    public static final String FOLDER_PROPERTY = "p2pcopy.vectors";

    private Vectors() {
    }

    public static Path folder() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        assertNotNull(folder, "system property " + FOLDER_PROPERTY + " is not set: run the tests through Maven");
        return Path.of(folder);
    }

    /** The {@code tests} array of a vector file. */
    public static List<JsonObject> tests(String file) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(folder().resolve(file),
                StandardCharsets.UTF_8))) {
            return reader.readObject().getJsonArray("tests").getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }

    /** One dynamic test per vector of {@code file}, each running {@code check} on its vector. */
    public static Stream<DynamicTest> each(String file, ThrowingConsumer<JsonObject> check) {
        return tests(file).stream().map(test -> DynamicTest.dynamicTest(name(test), () -> check.accept(test)));
    }

    /** "tcId 3: comment"; vectors without a comment are named by their members. */
    public static String name(JsonObject test) {
        String what = test.containsKey("comment") ? test.getString("comment") : withoutTcId(test).toString();
        return "tcId " + test.getInt("tcId") + ": " + what;
    }

    public static boolean isValid(JsonObject test) {
        return "valid".equals(test.getString("result"));
    }

    /** A JSON object from text, to compare messages as objects rather than as strings. */
    public static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * Bytes given as {@code {"hex": "…"}} or {@code {"repeat": "61", "times": n}} (one byte in hex,
     * repeated), the form that keeps megabyte payloads short in the files.
     */
    public static byte[] bytes(JsonObject hexOrRepeat) {
        if (hexOrRepeat.containsKey("hex")) {
            return hex(hexOrRepeat.getString("hex"));
        }
        byte[] one = hex(hexOrRepeat.getString("repeat"));
        assertEquals(1, one.length, "repeat is one byte");
        byte[] bytes = new byte[hexOrRepeat.getInt("times")];
        Arrays.fill(bytes, one[0]);
        return bytes;
    }

    private static JsonObject withoutTcId(JsonObject test) {
        return Json.createObjectBuilder(test).remove("tcId").build();
    }
}
