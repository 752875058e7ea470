package org.p2pcopy.client.compression;

import java.util.Locale;

/** When a sender compresses its chunks ({@code send --compress}); used only if the receiver also offers zstd. */
public enum CompressionMode {
    /** Tries each file's first chunk and keeps compressing only files whose first chunk shrank to 90 % or less. */
    AUTO,
    /** Tries every chunk. */
    ON,
    /** Never compresses and does not offer zstd in the hello. */
    OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of that name ({@code auto}, {@code on}, {@code off}), or null for anything else. */
    public static CompressionMode parse(String name) {
        for (CompressionMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
