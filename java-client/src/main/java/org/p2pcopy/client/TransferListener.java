package org.p2pcopy.client;

/**
 * What a running transfer reports. Every method has an empty default, so a caller implements only
 * what it shows. Calls come from the thread that runs the transfer.
 */
public interface TransferListener {
    TransferListener SILENT = new TransferListener() { };

    /**
     * The sender has checked what it sends and is about to meet the receiver under {@code code}:
     * the moment to tell the person at the other end what to type.
     */
    default void pairing(String code) {
    }

    /** A step of the conversation: connecting, waiting for the peer, paired, and so on. */
    default void status(String message) {
    }

    /** Something the user should know that does not stop the transfer, e.g. a skipped symlink. */
    default void warning(String message) {
    }

    /** Called once the manifest is known, before the first byte of file data. */
    default void started(int files, int folders, long totalBytes) {
    }

    /** File bytes sent (sender) or verified and written (receiver) so far, out of the total. */
    default void progress(long bytesDone, long totalBytes) {
    }

    /**
     * A resumed transfer continues a file at {@code offset} on data the receiver held and both sides
     * verified; the file was complete already if that is its {@code size}.
     */
    default void resumed(String path, long offset, long size) {
    }

    /** A file passed its checks: on the receiver it is now in place under its final name. */
    default void fileVerified(String path, long size, String digestHex) {
    }
}
