package org.p2pcopy.client;

import org.p2pcopy.client.crypto.CipherWarmUp;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.pairing.CodeGenerator;
import org.p2pcopy.client.pairing.Pairing;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transfer.OutputTree;
import org.p2pcopy.client.transfer.Receiver;
import org.p2pcopy.client.transfer.Sender;
import org.p2pcopy.client.transfer.SourceTree;
import org.p2pcopy.client.transport.RelayAddress;
import org.p2pcopy.client.transport.RelayConnection;

/**
 * The library's front door: one call sends, one call receives. Each returns once the transfer is
 * verified on the receiving side, or throws a {@link TransferException} that says why not.
 *
 * <pre>{@code
 * P2pCopy.send(new SendRequest("wss://relay.example.org", "7-crayon-orbit", List.of(Path.of("results"))),
 *         TransferListener.SILENT);
 * }</pre>
 */
public final class P2pCopy {
    private P2pCopy() {
    }

    public static TransferSummary send(SendRequest request, TransferListener listener) throws TransferException {
        Code given = request.code() == null ? null : Code.parse(request.code());
        CodeGenerator generator = given == null ? newCodes(request.words()) : null;
        RelayAddress.endpoint(request.server(), "0", Role.SENDER); // a bad address fails before anything else
        warmUpInBackground();
        // Read the tree before connecting: a missing file is the user's to fix, not the peer's to wait for.
        SourceTree sources = SourceTree.scan(request.paths(), listener);
        Runnable whileWaiting = () -> { };
        if (request.encrypt()) {
            CipherWarmUp.startIfWorthwhile(sources.bytes());
            whileWaiting = CipherWarmUp::start;
        }
        Pairing.Paired paired;
        if (given != null) {
            listener.pairing(request.code());
            paired = new Pairing.Paired(given, Pairing.connect(request.server(), request.access(), given, Role.SENDER,
                    listener, whileWaiting));
        } else {
            paired = Pairing.connectWithNewCode(request.server(), request.access(), generator, listener, whileWaiting);
        }
        try (RelayConnection relay = paired.relay()) {
            return new Sender(relay, paired.code(), sources, request.encrypt(), request.compression(), listener).run();
        }
    }

    public static TransferSummary receive(ReceiveRequest request, TransferListener listener) throws TransferException {
        Code code = Code.parse(request.code());
        RelayAddress.endpoint(request.server(), code.room(), Role.RECEIVER);
        warmUpInBackground();
        OutputTree output = OutputTree.open(request.outputFolder(), request.overwrite(), request.resume());
        Thread cleanup = new Thread(output::closePartials, "p2p-copy-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        // Encryption is the sender's choice, known after pairing; time spent waiting for it is free.
        try (RelayConnection relay = Pairing.connect(request.server(), request.access(), code, Role.RECEIVER, listener,
                CipherWarmUp::start)) {
            return new Receiver(relay, code, output, listener).run();
        } finally {
            removeHook(cleanup);
        }
    }

    private static CodeGenerator newCodes(int words) throws TransferException {
        try {
            return new CodeGenerator(words);
        } catch (IllegalArgumentException e) {
            throw new TransferException(Failure.USAGE, e.getMessage());
        }
    }

    /** Short transfers are dominated by start-up: prepare the codec while the relay is reached. */
    private static void warmUpInBackground() {
        Thread warmUp = new Thread(MessageCodec::warmUp, "p2p-copy-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: exactly what it is there for.
        }
    }
}
