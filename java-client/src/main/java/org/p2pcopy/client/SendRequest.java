package org.p2pcopy.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.CodeGenerator;

/**
 * What to send and where.
 *
 * @param server the relay's base URL as a user types it, e.g. {@code wss://relay.example.org}
 * @param code the code both sides type; its part before the first '-' names the room. Null: the
 *     sender makes a new code of {@code words} words and reports it through
 *     {@link TransferListener#pairing}
 * @param paths files and folders to send, each under its own last name
 * @param encrypt whether to encrypt end to end (the default); false only on links the user trusts
 * @param words the words of a new code (ignored when {@code code} is given)
 * @param compression when to compress chunks, if the receiver can decompress them
 * @param access how to reach the relay (TLS trust, proxy)
 */
public record SendRequest(String server, String code, List<Path> paths, boolean encrypt, int words,
        CompressionMode compression, RelayAccess access) {
    public SendRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(access, "access");
        paths = List.copyOf(paths);
    }

    /** An encrypted transfer under the given code, compressed where that pays off, reaching the relay directly. */
    public SendRequest(String server, String code, List<Path> paths) {
        this(server, code, paths, true, CodeGenerator.DEFAULT_WORDS, CompressionMode.AUTO, RelayAccess.DIRECT);
    }
}
