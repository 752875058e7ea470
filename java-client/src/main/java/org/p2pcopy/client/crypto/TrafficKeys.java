package org.p2pcopy.client.crypto;

import java.nio.charset.StandardCharsets;
import org.p2pcopy.client.protocol.Role;

/**
 * The keys that seal the frames of one connection, one per direction (docs/protocol.md §7.2):
 * PRK = HKDF-Extract("p2p-copy v1 session", Ke), then one HKDF-Expand per direction. Separate keys
 * and separate nonce tags mean that the two directions can never produce the same nonce under the
 * same key, whatever their counters.
 */
public final class TrafficKeys {
    static final byte[] SESSION_SALT = ascii("p2p-copy v1 session");
    static final byte[] SENDER_TO_RECEIVER = ascii("sender to receiver");
    static final byte[] RECEIVER_TO_SENDER = ascii("receiver to sender");
    static final byte[] TAG_SENDER_TO_RECEIVER = {0, 0, 0, 1};
    static final byte[] TAG_RECEIVER_TO_SENDER = {0, 0, 0, 2};

    private final byte[] senderToReceiver;
    private final byte[] receiverToSender;

    private TrafficKeys(byte[] senderToReceiver, byte[] receiverToSender) {
        this.senderToReceiver = senderToReceiver;
        this.receiverToSender = receiverToSender;
    }

    /** Derives both keys from SPAKE2's Ke; call it only once the peer's confirmation has been checked. */
    static TrafficKeys derive(byte[] ke) {
        byte[] prk = Hkdf.extract(SESSION_SALT, ke);
        return new TrafficKeys(Hkdf.expand(prk, SENDER_TO_RECEIVER, FrameCipher.KEY_BYTES),
                Hkdf.expand(prk, RECEIVER_TO_SENDER, FrameCipher.KEY_BYTES));
    }

    /** Keys given as they are, e.g. by test vectors; real ones come from the handshake. */
    public static TrafficKeys of(byte[] senderToReceiver, byte[] receiverToSender) {
        return new TrafficKeys(senderToReceiver.clone(), receiverToSender.clone());
    }

    /** Seals what {@code self} sends. */
    public FrameSealer sealerFor(Role self) {
        return self == Role.SENDER
                ? new FrameSealer(FrameCipher.forSealing(senderToReceiver, TAG_SENDER_TO_RECEIVER))
                : new FrameSealer(FrameCipher.forSealing(receiverToSender, TAG_RECEIVER_TO_SENDER));
    }

    /** Opens what {@code self} receives: a sender opens what the receiver sealed, and the other way round. */
    public FrameOpener openerFor(Role self) {
        return self == Role.SENDER
                ? new FrameOpener(FrameCipher.forOpening(receiverToSender, TAG_RECEIVER_TO_SENDER))
                : new FrameOpener(FrameCipher.forOpening(senderToReceiver, TAG_SENDER_TO_RECEIVER));
    }

    byte[] senderToReceiver() {
        return senderToReceiver.clone();
    }

    byte[] receiverToSender() {
        return receiverToSender.clone();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
