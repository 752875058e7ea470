package org.p2pcopy.relay.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every end-to-end test class needs once: the relay in Payara Micro and a tree to send, in a
 * folder of its own. Subclasses call {@link #start} from their {@code @BeforeAll} with the size of
 * the tree's big file; the relay is stopped after the class.
 */
abstract class RelayAndTree {
    @TempDir
    static Path shared;
    static RelayProcess relay;
    static Path source;

    @TempDir
    Path work;

    static void start(long bigFileBytes) throws Exception {
        start(bigFileBytes, List.of(), List.of());
    }

    /** The same with more options for the relay (see {@link RelayProcess#start(Path, List, List)}). */
    static void start(long bigFileBytes, List<String> jvmOptions, List<String> microOptions) throws Exception {
        relay = RelayProcess.start(Files.createDirectories(shared.resolve("relay")), jvmOptions, microOptions);
        source = Trees.makeTree(Files.createDirectories(shared.resolve("source")), bigFileBytes);
    }

    /** The relay alone, for a class that makes a tree of its own in {@code shared/source}. */
    static void startRelay() throws Exception {
        relay = RelayProcess.start(Files.createDirectories(shared.resolve("relay")));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    /** Clients that talk to the relay directly, sending from beside the tree. */
    Clients clients() {
        return new Clients(relay.wsBase(), source.getParent(), work);
    }
}
