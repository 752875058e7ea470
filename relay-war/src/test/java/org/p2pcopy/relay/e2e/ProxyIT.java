package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.p2pcopy.relay.e2e.Clients.assertExit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both clients reach the relay through a real HTTP proxy (Debian's tinyproxy), as on clusters and
 * office networks where nothing else gets out: the transfer tunnels through CONNECT, and a proxy
 * that is down or refuses the tunnel ends in one clear line and exit code 3.
 */
class ProxyIT extends RelayAndTree {
    private static int room = 700;

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        assumeTrue(Files.isExecutable(TinyProxy.EXECUTABLE), "tinyproxy is not installed (apt-get install tinyproxy)");
        start(4L * 1024 * 1024);
    }

    private static String newCode() {
        return (++room) + "-proxy-test";
    }

    @Test
    void aTransferTunnelsThroughTheProxyAndArrivesVerified() throws Exception {
        try (TinyProxy proxy = TinyProxy.start(work, 0)) {
            String code = newCode();
            Path out = work.resolve("out");
            Clients clients = clients();
            ClientProcess receiver = clients.receive("receiver", code, out, "--proxy", proxy.url());
            ClientProcess sender = clients.send("sender", code, source.getFileName().toString(), "--proxy", proxy.url());

            assertExit(0, sender);
            assertExit(0, receiver);
            Trees.assertSameTree(source, out.resolve(source.getFileName()));
            assertTrue(sender.output().contains("through the proxy 127.0.0.1:"), sender.output());
            String tunnels = proxy.log();
            assertTrue(tunnels.lines().filter(line -> line.contains("CONNECT") && line.contains(":" + relay.port()))
                    .count() >= 2, "the proxy did not tunnel both clients to the relay:\n" + tunnels);
        }
    }

    @Test
    void aProxyThatIsDownIsOneLineAndExitCode3() throws Exception {
        int closed = RelayProcess.freePort();
        ClientProcess receiver = clients().receive("receiver", newCode(), work.resolve("out"), "--proxy",
                "http://127.0.0.1:" + closed);

        assertExit(3, receiver);
        assertTrue(receiver.output().contains("the proxy refused the connection"), receiver.output());
        assertFalse(Files.exists(work.resolve("out")));
    }

    @Test
    void aProxyThatRefusesTheTunnelIsOneLineAndExitCode3() throws Exception {
        try (TinyProxy proxy = TinyProxy.start(work, 443)) {
            ClientProcess receiver = clients().receive("receiver", newCode(), work.resolve("out"), "--proxy",
                    proxy.url());

            assertExit(3, receiver);
            assertTrue(receiver.output().contains("the proxy would not open a tunnel to the relay"), receiver.output());
            assertFalse(receiver.output().contains("\tat "), receiver.output());
        }
    }
}
