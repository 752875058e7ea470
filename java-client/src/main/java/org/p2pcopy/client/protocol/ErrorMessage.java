package org.p2pcopy.client.protocol;

/**
 * A peer stops the transfer and says why; {@code code} is one of {@link ErrorCode}'s wire names,
 * {@code message} is for people.
 */
public record ErrorMessage(String code, String message) implements Message {
    public ErrorMessage {
        Message.require(code, "code");
        Message.require(message, "message");
    }

    public static ErrorMessage of(ErrorCode code, String message) {
        return new ErrorMessage(code.wireName(), message);
    }

    public ErrorCode errorCode() {
        return ErrorCode.fromWire(code);
    }
}
