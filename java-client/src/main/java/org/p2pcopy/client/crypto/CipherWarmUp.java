package org.p2pcopy.client.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.AEADBadTagException;
import org.p2pcopy.client.protocol.Role;

/**
 * Runs the record cipher over throwaway data while the client waits for its peer. In a fresh JVM the
 * JDK seals and opens AES-GCM slowly until the JIT has compiled the code that uses the CPU's AES and
 * carry-less multiply instructions, which takes some tens of MiB (bench/CryptoSpeed.java); doing
 * that on another thread while a peer waits for the other, or as soon as a transfer turns out large,
 * keeps it out of the first seconds of the transfer. A small transfer that never waits is over before
 * warming up would pay off, so it is left alone.
 */
public final class CipherWarmUp {
    /** Transfers smaller than this are not worth the CPU a warm-up takes. */
    public static final long WORTHWHILE_BYTES = 64L * 1024 * 1024;
    /** Frames of 1 MiB through seal and open: enough for the JIT to compile both paths. */
    static final int FRAMES = 24;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private CipherWarmUp() {
    }

    /** Starts warming up on a background thread if a transfer of {@code bytes} is worth it. */
    public static void startIfWorthwhile(long bytes) {
        if (bytes >= WORTHWHILE_BYTES) {
            start();
        }
    }

    /** Starts warming up on a background thread, once per process: for time spent waiting anyway. */
    public static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(CipherWarmUp::run, "p2p-copy-cipher-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static void run() {
        byte[] key = new byte[FrameCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        TrafficKeys keys = TrafficKeys.of(key, key);
        FrameSealer sealer = keys.sealerFor(Role.SENDER);
        FrameOpener opener = keys.openerFor(Role.RECEIVER);
        ByteBuffer body = ByteBuffer.allocate(SealedFormat.MAX_BODY_BYTES);
        ByteBuffer wire = ByteBuffer.allocate(SealedFormat.MAX_WIRE_BYTES);
        ByteBuffer plaintext = ByteBuffer.allocate(1 + SealedFormat.MAX_BODY_BYTES);
        try {
            for (int i = 0; i < FRAMES; i++) {
                sealer.seal(SealedFormat.CHUNK, body.clear(), wire.clear());
                opener.open(wire.flip(), plaintext.clear());
            }
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a frame sealed here did not open", e);
        }
    }
}
