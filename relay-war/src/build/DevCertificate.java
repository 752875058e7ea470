import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The relay's certificate for a first local start, made by the build ({@code java DevCertificate.java
 * DIR}): a key pair of this machine's own, never one that ships in a jar. It writes
 * {@code DIR/relay.p12} (PKCS12, alias {@code relay}, password {@code changeit}) for Payara Micro and
 * the certificate as {@code DIR/relay.pem} for clients' {@code --cacert}.
 *
 * <p>A keystore that is already there is kept while it has a month left, so that a rebuild does not
 * invalidate the PEM that clients were given; an older or unreadable one is replaced. The JDK has no
 * public API that makes certificates, hence keytool, the JDK's own tool.
 */
public class DevCertificate {
    static final String ALIAS = "relay";
    static final String PASSWORD = "changeit";
    static final int VALID_DAYS = 365;
    static final Duration KEEP_IF_VALID_FOR = Duration.ofDays(30);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path keyStore = dir.resolve("relay.p12");
        Path pem = dir.resolve("relay.pem");
        if (Files.isRegularFile(pem) && stillValid(keyStore)) {
            System.out.println("keeping the relay's development certificate " + keyStore);
            return;
        }
        Files.deleteIfExists(keyStore);
        Files.deleteIfExists(pem);
        long start = System.nanoTime();
        String names = subjectAlternativeNames();
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity",
                String.valueOf(VALID_DAYS), "-dname", "CN=localhost", "-ext", "SAN=" + names, "-ext", "EKU=serverAuth",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        ownerOnly(keyStore);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        System.out.printf("made the relay's development certificate (%s) in %d ms: %s and %s%n", names,
                (System.nanoTime() - start) / 1_000_000, keyStore, pem);
    }

    /** Whoever reads the key can pose as this relay; the PEM, by contrast, is for everyone. */
    private static void ownerOnly(Path keyStore) throws IOException {
        if (Files.getFileStore(keyStore).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(keyStore, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean stillValid(Path keyStore) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            ((X509Certificate) store.getCertificate(ALIAS)).checkValidity(Date.from(Instant.now().plus(KEEP_IF_VALID_FOR)));
            return store.isKeyEntry(ALIAS);
        } catch (Exception missingUnreadableOrExpiring) {
            return false;
        }
    }

    /** This machine by the names a local client types; its host name too, so that other machines on the LAN can use it. */
    private static String subjectAlternativeNames() {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            // An address or an odd name would make keytool fail; such a machine makes do with localhost.
            if (host.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                    && !host.matches("[0-9.]+") && !host.equalsIgnoreCase("localhost")) {
                names.add("dns:" + host);
            }
        } catch (IOException noHostName) {
            // localhost alone, then.
        }
        return String.join(",", names);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed:\n" + output);
        }
    }
}
