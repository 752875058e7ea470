package org.p2pcopy.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to receive from and where to write.
 *
 * @param server the relay's base URL as a user types it
 * @param code the code the sender gave
 * @param outputFolder the folder under which the sender's files and folders are rebuilt; nothing is
 *     ever written outside it
 * @param overwrite whether an existing file may be replaced (by default the transfer is refused)
 * @param resume whether to continue an interrupted transfer from what it left in the output folder
 * @param access how to reach the relay (TLS trust, proxy)
 */
public record ReceiveRequest(String server, String code, Path outputFolder, boolean overwrite, boolean resume,
        RelayAccess access) {
    public ReceiveRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(outputFolder, "outputFolder");
        Objects.requireNonNull(access, "access");
    }

    /** A transfer that starts afresh, reaching the relay directly. */
    public ReceiveRequest(String server, String code, Path outputFolder, boolean overwrite) {
        this(server, code, outputFolder, overwrite, false, RelayAccess.DIRECT);
    }
}
