package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The relay's close codes are exactly those of docs/vectors/close-codes.json that the relay sends,
 * no more, no fewer; and it knows the one a peer sends after a wrong code.
 */
class CloseCodeTest {

    @Test
    void matchesTheVectors() throws IOException {
        Map<Integer, String> relay = Arrays.stream(CloseCode.values())
                .collect(Collectors.toMap(CloseCode::code, CloseCode::wireName, (a, b) -> a + "|" + b, TreeMap::new));
        assertEquals(vectors("relay"), relay);
    }

    @Test
    void knowsThePeersWrongCodeClose() throws IOException {
        assertEquals(Map.of(CloseCode.WRONG_CODE_FROM_PEER, "wrong_code"), vectors("peer"));
    }

    private static Map<Integer, String> vectors(String by) throws IOException {
        String folder = System.getProperty("p2pcopy.vectors");
        assertNotNull(folder, "system property p2pcopy.vectors is not set");
        Path file = Path.of(folder, "close-codes.json");
        assertTrue(Files.isRegularFile(file), () -> file + " does not exist; run Maven from the repository root");
        Map<Integer, String> codes = new TreeMap<>();
        try (Reader text = Files.newBufferedReader(file); JsonReader json = Json.createReader(text)) {
            for (JsonValue test : json.readObject().getJsonArray("tests")) {
                JsonObject vector = test.asJsonObject();
                if (!vector.getString("by").equals(by)) {
                    continue;
                }
                String previous = codes.put(vector.getInt("code"), vector.getString("name"));
                assertEquals(null, previous, "code " + vector.getInt("code") + " twice in the vectors");
            }
        }
        return codes;
    }
}
