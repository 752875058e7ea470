package org.p2pcopy.client.pairing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.Role;

/**
 * The code both people type (docs/protocol.md §1). The relay learns only the room, the part before
 * the first '-'; the whole code proves to the peer that both typed the same (§4.1).
 */
public final class Code {
    static final int MAX_LENGTH = 256;
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_]{1,64}");
    // Unicode whitespace too (no-break space, em space...): Java's plain \s is ASCII only.
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s\\x00-\\x1f\\x7f]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String PROOF_LABEL = "p2p-copy v1 hello ";

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

    /** The hello proof of {@code role}: HMAC-SHA256 keyed with the whole code, in hex. */
    public String proof(Role role) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal((PROOF_LABEL + role.wireName()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Code[room=" + room + "]";
    }
}
