package org.p2pcopy.client.pairing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The words of generated codes: 2048 common English words of 3 to 7 letters, each worth 11 bits,
 * chosen from a public-domain word list (provenance in docs/security.md).
 */
final class WordList {
    static final String RESOURCE = "words.txt";
    static final int SIZE = 2048;
    private static final List<String> WORDS = load();

    private WordList() {
    }

    static String word(int index) {
        return WORDS.get(index);
    }

    private static List<String> load() {
        try (InputStream in = WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the client");
            }
            List<String> words = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            if (words.size() != SIZE || words.stream().distinct().count() != SIZE) {
                throw new IllegalStateException(RESOURCE + " must hold " + SIZE + " different words");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
