package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;

/**
 * Whom the client trusts for TLS, against a real TLS server on 127.0.0.1 with a self-signed
 * certificate. The server answers every request with 404, so a connection that gets as far as
 * "HTTP 404" passed the TLS handshake, and one that fails in TLS did not.
 */
class TlsTrustTest {
    @TempDir
    Path temp;

    @Test
    void aSelfSignedRelayIsRefusedByDefaultWithAHintAtCacert() throws Exception {
        TestCertificate certificate = TestCertificate.make(temp, "dns:localhost,ip:127.0.0.1");

        TransferException refused = connect(certificate, "127.0.0.1", TlsTrust.system());

        assertEquals(Failure.RELAY, refused.failure());
        assertTrue(refused.getMessage().contains("TLS failed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--cacert"), refused.getMessage());
    }

    @Test
    void cacertTrustsTheGivenCertificate() throws Exception {
        TestCertificate certificate = TestCertificate.make(temp, "dns:localhost,ip:127.0.0.1");

        TransferException answered = connect(certificate, "127.0.0.1", TlsTrust.withCertificates(certificate.pem()));

        assertTrue(answered.getMessage().contains("HTTP 404"), answered.getMessage());
    }

    /** Trusting a certificate is not trusting it for any host: its names are still checked. */
    @Test
    void cacertStillChecksTheHostName() throws Exception {
        TestCertificate certificate = TestCertificate.make(temp, "dns:relay.example.org");

        TransferException refused = connect(certificate, "127.0.0.1", TlsTrust.withCertificates(certificate.pem()));

        assertTrue(refused.getMessage().contains("TLS failed"), refused.getMessage());
    }

    @Test
    void insecureAcceptsAnyCertificateForAnyHost() throws Exception {
        TestCertificate certificate = TestCertificate.make(temp, "dns:relay.example.org");

        TransferException answered = connect(certificate, "127.0.0.1", TlsTrust.insecure());

        assertTrue(answered.getMessage().contains("HTTP 404"), answered.getMessage());
    }

    @Test
    void aCacertFileWithoutACertificateIsAUsageError() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.pem"), "not a certificate\n");

        assertEquals(Failure.USAGE, assertThrows(TransferException.class,
                () -> TlsTrust.withCertificates(empty)).failure());
        assertEquals(Failure.USAGE, assertThrows(TransferException.class,
                () -> TlsTrust.withCertificates(temp.resolve("missing.pem"))).failure());
    }

    private static TransferException connect(TestCertificate certificate, String host, TlsTrust trust)
            throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("wss://" + host + ":" + server.getAddress().getPort() + "/relay/v1/7/send");
            return assertThrows(TransferException.class, () -> RelayConnection.open(endpoint, trust, ProxyRoute.direct())
                    .close());
        } finally {
            server.stop(0);
        }
    }
}
