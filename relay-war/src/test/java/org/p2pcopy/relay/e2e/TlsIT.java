package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.relay.e2e.Clients.assertExit;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The relay over HTTPS and WSS as the README starts it: Payara Micro's HTTPS listener with the
 * self-signed certificate that the build made in {@code target/tls}. Clients that trust it with
 * {@code --cacert} transfer; clients that do not stop and say what to do; the page works over HTTPS
 * and WSS in Chromium, its service worker included, with only that certificate let through.
 */
class TlsIT extends RelayAndTree {
    private static final Path TLS = Path.of(System.getProperty("p2pcopy.tlsDir", "target/tls"));
    private static final Path PEM = TLS.resolve("relay.pem");

    private static int sslPort;
    private static int room = 800;

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        sslPort = RelayProcess.freePort();
        start(3L * 1024 * 1024 + 777,
                List.of("-Djavax.net.ssl.keyStore=" + TLS.resolve("relay.p12").toAbsolutePath(),
                        "-Djavax.net.ssl.keyStorePassword=changeit"),
                List.of("--sslport", String.valueOf(sslPort), "--sslcert", "relay"));
    }

    private static String newCode() {
        return (++room) + "-tls-test";
    }

    private Clients clientsOver(String host) {
        return new Clients("wss://" + host + ":" + sslPort, source.getParent(), work);
    }

    private void assertTransfers(Clients clients, String... options) throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        ClientProcess receiver = clients.receive("receiver", code, out, options);
        ClientProcess sender = clients.send("sender", code,
                Stream.concat(Stream.of(source.getFileName().toString()), Stream.of(options)).toArray(String[]::new));
        assertExit(0, sender);
        assertExit(0, receiver);
        Trees.assertSameTree(source, out.resolve(source.getFileName()));
    }

    @Test
    void aTransferOverWssWithTheDevCertificateArrivesIdentical() throws Exception {
        assertTransfers(clientsOver("localhost"), "--cacert", PEM.toString());
    }

    @Test
    void withoutCacertTheClientStopsWithExit3AndNamesTheOption() throws Exception {
        ClientProcess receiver = clientsOver("127.0.0.1").receive("receiver", newCode(), work.resolve("out"));

        assertExit(3, receiver);
        assertTrue(receiver.output().contains("TLS failed"), receiver.output());
        assertTrue(receiver.output().contains("--cacert"), receiver.output());
        assertFalse(Files.exists(work.resolve("out")));
    }

    @Test
    void insecureTransfersAndWarns() throws Exception {
        assertTransfers(clientsOver("127.0.0.1"), "--insecure");
        for (String log : List.of("sender.log", "receiver.log")) {
            String output = Files.readString(work.resolve(log));
            assertTrue(output.contains("warning: --insecure: the relay's certificate is not checked"), output);
        }
    }

    @Test
    void thePageOverHttpsRegistersItsServiceWorkerAndReceivesOverWss() throws Exception {
        // Chromium lets this one key through and no other certificate error.
        String onlyTheDevKey = "--ignore-certificate-errors-spki-list=" + spkiSha256(PEM);
        try (Browser browser = Browser.start(work, List.of(onlyTheDevKey))) {
            String origin = "https://127.0.0.1:" + sslPort;
            String code = newCode();
            ClientProcess sender = clientsOver("localhost").send("sender", code, "project files/deep/big data.bin",
                    "--cacert", PEM.toString());
            browser.open(origin + "/?save=download#" + code);

            assertEquals("p2p-copy relay", browser.driver().findElement(By.tagName("h1")).getText());
            assertEquals(origin, browser.driver().findElement(By.id("relay")).getText());
            assertEquals(Boolean.TRUE, browser.script("return globalThis.isSecureContext"));
            browser.waiting().until(d -> "activated".equals(browser.script(
                    "return navigator.serviceWorker.getRegistration().then(r => r && r.active && r.active.state)")));
            // The page joins the room over wss:// from its https:// origin and streams the file through the worker.
            WebElement accept = browser.driver().findElement(By.id("receive-accept"));
            browser.waiting().until(d -> accept.isDisplayed());
            accept.click();
            assertExit(0, sender);
            assertEquals(-1L, Files.mismatch(source.resolve("deep/big data.bin"), browser.awaitDownload("big data.bin")));
            assertEquals("", browser.driver().findElement(By.id("error")).getText());
            browser.assertNoConsoleErrors();
        }
    }

    /** What Chromium's --ignore-certificate-errors-spki-list takes: base64 of SHA-256 of the SubjectPublicKeyInfo. */
    private static String spkiSha256(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            byte[] spki = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey().getEncoded();
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        }
    }
}
