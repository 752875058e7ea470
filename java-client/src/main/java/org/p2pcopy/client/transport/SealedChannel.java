package org.p2pcopy.client.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import javax.crypto.AEADBadTagException;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.crypto.FrameOpener;
import org.p2pcopy.client.crypto.FrameSealer;
import org.p2pcopy.client.crypto.SealedFormat;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * The peers' frames once the handshake has agreed on keys (docs/protocol.md §7.3): every control
 * message and every chunk goes out as one sealed binary frame, and every frame that comes in is
 * opened and handed on as the text or chunk it carried. The transfer above sees the same frames as
 * without encryption; the relay sees only sizes and timing.
 */
public final class SealedChannel implements FrameChannel {
    private static final int SPARE_PLAINTEXTS = 2;

    private final FrameChannel relay;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    // Two wire buffers: one is being written to the socket while the next frame is sealed into the other.
    private final ByteBuffer[] wire = {
        ByteBuffer.allocate(SealedFormat.MAX_WIRE_BYTES), ByteBuffer.allocate(SealedFormat.MAX_WIRE_BYTES)
    };
    private final ArrayDeque<ByteBuffer> sparePlaintexts = new ArrayDeque<>();
    private int nextWire;
    private Incoming.Broken failed;

    public SealedChannel(FrameChannel relay, FrameSealer sealer, FrameOpener opener) {
        this.relay = relay;
        this.sealer = sealer;
        this.opener = opener;
    }

    @Override
    public void sendText(String text) throws TransferException {
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        if (json.length > SealedFormat.MAX_CONTROL_BYTES) {
            throw new IllegalArgumentException("a control message of " + json.length + " bytes");
        }
        send(SealedFormat.CONTROL, ByteBuffer.wrap(json));
    }

    /** Seals the frame at once, so the caller's buffer is free again as soon as this returns. */
    @Override
    public void sendBinary(ByteBuffer frame) throws TransferException {
        send(SealedFormat.CHUNK, frame);
    }

    private void send(byte kind, ByteBuffer body) throws TransferException {
        // The buffer sealed into two sends ago is free: the previous send returned only once it was written.
        ByteBuffer out = wire[nextWire].clear();
        nextWire ^= 1;
        sealer.seal(kind, body, out);
        relay.sendBinary(out.flip());
    }

    @Override
    public void flush() throws TransferException {
        relay.flush();
    }

    @Override
    public void closeAs(PeerCloseCode code) {
        relay.closeAs(code);
    }

    @Override
    public Incoming receive() throws TransferException {
        return failed != null ? failed : open(relay.receive());
    }

    @Override
    public Incoming poll(Duration timeout) throws TransferException {
        if (failed != null) {
            return failed;
        }
        Incoming incoming = relay.poll(timeout);
        return incoming == null ? null : open(incoming);
    }

    @Override
    public void release(Incoming.Binary binary) {
        recycle(binary.data());
    }

    private void recycle(ByteBuffer plaintext) {
        if (sparePlaintexts.size() < SPARE_PLAINTEXTS) {
            sparePlaintexts.push(plaintext.clear());
        }
    }

    private Incoming open(Incoming incoming) {
        if (incoming instanceof Incoming.Text) {
            return fail("a frame arrived in clear where only sealed frames may come");
        }
        if (!(incoming instanceof Incoming.Binary sealed)) {
            return incoming; // how the connection ended: nothing to open
        }
        ByteBuffer plaintext = sparePlaintexts.isEmpty()
                ? ByteBuffer.allocate(1 + SealedFormat.MAX_BODY_BYTES) : sparePlaintexts.pop();
        try {
            opener.open(sealed.data(), plaintext.clear());
        } catch (AEADBadTagException e) {
            return fail("a sealed frame failed authentication");
        } finally {
            relay.release(sealed);
        }
        byte kind = plaintext.get();
        if (kind == SealedFormat.CHUNK) {
            return new Incoming.Binary(plaintext);
        }
        if (kind != SealedFormat.CONTROL) {
            return fail("a sealed frame of unknown kind " + kind);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(plaintext).toString();
            recycle(plaintext);
            return new Incoming.Text(text);
        } catch (CharacterCodingException e) {
            return fail("a sealed control message is not UTF-8");
        }
    }

    /** After one bad frame nothing more from the peer can be trusted: every later read fails the same way. */
    private Incoming fail(String what) {
        failed = new Incoming.Broken(new ProtocolException(ErrorCode.INTEGRITY, what + ": the transfer was altered "
                + "on its way (tampering, or a faulty relay or network); stopped, and nothing unverified was kept"));
        return failed;
    }
}
