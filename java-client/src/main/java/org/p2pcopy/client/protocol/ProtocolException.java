package org.p2pcopy.client.protocol;

/**
 * A frame that breaks docs/protocol.md, or a check that failed. The code says which error message
 * the peer is sent before the connection closes.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(String message) {
        this(ErrorCode.PROTOCOL, message);
    }

    public ErrorCode code() {
        return code;
    }
}
