package org.p2pcopy.client.pairing;

import java.util.regex.Pattern;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;

/**
 * The code both people type (docs/protocol.md §1). The relay learns only the room, the part before
 * the first '-'; the whole code is the password of the key exchange that pairs the peers (§4.1, §7.1).
 */
public final class Code {
    static final int MAX_LENGTH = 256;
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_]{1,64}");
    // Unicode whitespace too (no-break space, em space...): Java's plain \s is ASCII only.
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s\\x00-\\x1f\\x7f]", Pattern.UNICODE_CHARACTER_CLASS);

    private final String text;
    private final String room;

    private Code(String text, String room) {
        this.text = text;
        this.room = room;
    }

    public static Code parse(String text) throws TransferException {
        if (text == null || text.isEmpty()) {
            throw new TransferException(Failure.USAGE, "the code is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new TransferException(Failure.USAGE, "the code is longer than " + MAX_LENGTH + " characters");
        }
        if (FORBIDDEN.matcher(text).find()) {
            throw new TransferException(Failure.USAGE, "the code must not contain spaces or control characters");
        }
        int dash = text.indexOf('-');
        String room = dash < 0 ? text : text.substring(0, dash);
        if (!ROOM.matcher(room).matches()) {
            throw new TransferException(Failure.USAGE, "the code must start with 1 to 64 letters, digits or '_' "
                    + "before its first '-' (e.g. 7-crayon-orbit)");
        }
        return new Code(text, room);
    }

    /** The room: what the relay pairs by, and all it sees of the code. */
    public String room() {
        return room;
    }

    /** Whether anything of the code stays between the peers. */
    public boolean hasSecret() {
        return text.length() > room.length();
    }

    /** The whole code: the password of the key exchange (docs/protocol.md §7.1); it never leaves the client. */
    public String password() {
        return text;
    }

    @Override
    public String toString() {
        return "Code[room=" + room + "]";
    }
}
