package org.p2pcopy.client.protocol;

import java.util.Locale;
import org.p2pcopy.client.Failure;

/** The codes of the error message (docs/protocol.md §3.1) and what each means for the peer that gets it. */
public enum ErrorCode {
    WRONG_CODE(Failure.WRONG_CODE),
    VERSION(Failure.PEER),
    PROTOCOL(Failure.PEER),
    INTEGRITY(Failure.INTEGRITY),
    BAD_PATH(Failure.PEER),
    EXISTS(Failure.LOCAL_FILE),
    NO_SPACE(Failure.LOCAL_FILE),
    IO(Failure.LOCAL_FILE),
    CHANGED(Failure.LOCAL_FILE),
    CANCELLED(Failure.PEER);

    private final Failure failure;

    ErrorCode(Failure failure) {
        this.failure = failure;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The failure of the peer that receives this code. */
    public Failure failure() {
        return failure;
    }

    /** Unknown codes count as {@link #PROTOCOL}, as the document asks. */
    public static ErrorCode fromWire(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName().equals(name)) {
                return code;
            }
        }
        return PROTOCOL;
    }
}
