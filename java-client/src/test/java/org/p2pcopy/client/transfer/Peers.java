package org.p2pcopy.client.transfer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferSummary;

/** A sender and a receiver run at once, each on its own thread, over the two ends of a {@link Link}. */
final class Peers {
    /** What each side ended with: a summary on success, else its failure. */
    record Outcome(Failure sender, Failure receiver, String senderMessage, String receiverMessage,
            TransferSummary senderSummary, TransferSummary receiverSummary) {
    }

    interface Side {
        TransferSummary run() throws TransferException;
    }

    private record Ended(TransferSummary summary, TransferException failure) {
    }

    private Peers() {
    }

    static Outcome run(Link link, Side sender, Side receiver) throws Exception {
        // A thread each: the common pool may run one task at a time on a small machine, and the two wait on each other.
        ExecutorService peers = Executors.newFixedThreadPool(2);
        try {
            Future<Ended> s = peers.submit(() -> end(link.sender, sender));
            Future<Ended> r = peers.submit(() -> end(link.receiver, receiver));
            Ended sent = s.get();
            Ended received = r.get();
            return new Outcome(failure(sent), failure(received), message(sent), message(received), sent.summary(),
                    received.summary());
        } finally {
            peers.shutdownNow();
        }
    }

    private static Ended end(Link.End end, Side side) {
        try (end) {
            return new Ended(side.run(), null);
        } catch (TransferException e) {
            return new Ended(null, e);
        }
    }

    private static Failure failure(Ended ended) {
        return ended.failure() == null ? null : ended.failure().failure();
    }

    private static String message(Ended ended) {
        return ended.failure() == null ? "" : ended.failure().getMessage();
    }
}
