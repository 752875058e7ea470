package org.p2pcopy.client;

/**
 * What kind of thing went wrong, which decides the exit code (docs/protocol.md §6). Scripts rely on
 * these numbers, so they never change meaning.
 */
public enum Failure {
    INTERNAL(1),
    USAGE(2),
    RELAY(3),
    PEER(4),
    INTEGRITY(5),
    LOCAL_FILE(6),
    WRONG_CODE(7);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
