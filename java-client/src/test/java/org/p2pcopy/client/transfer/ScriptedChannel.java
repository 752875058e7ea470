package org.p2pcopy.client.transfer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.p2pcopy.client.transport.FrameChannel;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;

/**
 * A scripted peer in place of the relay connection. The script lists what the peer sends, each frame
 * held back until the side under test has sent a given number of frames, the way a real peer answers
 * only what it has received. Without that, a sender would find the receiver's final ack while it polls
 * between chunks. Everything the side under test sends is recorded.
 */
final class ScriptedChannel implements FrameChannel {
    private record Step(int afterSent, Incoming frame) {
    }

    private final List<Step> script = new ArrayList<>();
    private final List<Incoming> sent = new ArrayList<>();
    private int nextStep;
    private PeerCloseCode closedAs;
    private Runnable onBinarySent = () -> { };

    /** The peer sends {@code frames} once the side under test has sent {@code ownFrames} frames. */
    ScriptedChannel whenSent(int ownFrames, Incoming... frames) {
        for (Incoming frame : frames) {
            script.add(new Step(ownFrames, frame));
        }
        return this;
    }

    /** Runs after each binary frame the side under test sends, e.g. to change a file mid-transfer. */
    ScriptedChannel onBinarySent(Runnable action) {
        this.onBinarySent = action;
        return this;
    }

    /** The code the side under test asked to close with; null for a normal closure. */
    PeerCloseCode closedAs() {
        return closedAs;
    }

    /** What the side under test sent, in order; binary frames are copies. */
    List<Incoming> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void sendText(String text) {
        sent.add(new Incoming.Text(text));
    }

    @Override
    public void sendBinary(ByteBuffer frame) {
        // The sender reuses its buffer after the next send: keep a copy.
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
        sent.add(new Incoming.Binary(copy));
        onBinarySent.run();
    }

    @Override
    public void flush() {
    }

    @Override
    public Incoming receive() {
        if (nextStep == script.size()) {
            // The script is over: the peer leaves, as the relay would report it.
            return new Incoming.Closed(4002, "the scripted peer has nothing more to send");
        }
        Incoming frame = poll(Duration.ZERO);
        if (frame == null) {
            Step step = script.get(nextStep);
            throw new AssertionError("deadlock: the side under test waits for the peer, whose next frame "
                    + step.frame() + " follows only the side's frame number " + step.afterSent() + "; it sent "
                    + sent.size() + ": " + sent);
        }
        return frame;
    }

    @Override
    public Incoming poll(Duration timeout) {
        if (nextStep < script.size() && sent.size() >= script.get(nextStep).afterSent()) {
            return script.get(nextStep++).frame();
        }
        return null;
    }

    @Override
    public void release(Incoming.Binary binary) {
    }

    @Override
    public void closeAs(PeerCloseCode code) {
        closedAs = code;
    }
}
