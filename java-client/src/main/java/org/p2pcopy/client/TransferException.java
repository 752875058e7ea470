package org.p2pcopy.client;

/** A transfer that did not succeed, with a message meant for the person who started it. */
public class TransferException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public TransferException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public TransferException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
