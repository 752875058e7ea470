package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.p2pcopy.client.P2pCopy;
import org.p2pcopy.client.ReceiveRequest;
import org.p2pcopy.client.SendRequest;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;

/** Whole transfers with the client library through the relay under test. */
final class Transfers {
    private Transfers() {
    }

    /** Sends {@code source} and receives it into {@code output} at once, in a fresh room, and compares the trees. */
    static void assertCarried(String server, Path source, Path output) throws Exception {
        String code = RelayDeployment.freshRoom() + "-crayon-orbit";
        ExecutorService peers = Executors.newFixedThreadPool(2);
        try {
            Future<TransferSummary> received = peers.submit(() -> P2pCopy.receive(
                    new ReceiveRequest(server, code, output, false), TransferListener.SILENT));
            Future<TransferSummary> sent = peers.submit(() -> P2pCopy.send(
                    new SendRequest(server, code, List.of(source)), TransferListener.SILENT));
            TransferSummary summary = received.get(60, TimeUnit.SECONDS);
            assertEquals(summary.bytes(), sent.get(60, TimeUnit.SECONDS).bytes());
        } finally {
            peers.shutdownNow();
        }
        FileTrees.assertSameTree(source, output.resolve(source.getFileName()));
    }
}
