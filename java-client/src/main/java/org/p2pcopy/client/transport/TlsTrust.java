package org.p2pcopy.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;

/**
 * Whom the client trusts to be the relay over TLS: the certificate authorities of the Java runtime
 * (on Linux distributions, the system's), optionally also certificates the user names (a relay with
 * a self-signed certificate), or — only when asked in so many words — anyone.
 */
public final class TlsTrust {
    private static final TlsTrust SYSTEM = new TlsTrust(null, "the system's certificate authorities");

    private final SSLContext context;
    private final String description;

    private TlsTrust(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    public static TlsTrust system() {
        return SYSTEM;
    }

    /**
     * The system's authorities and also the certificates in {@code file} (PEM or DER, one or more):
     * a relay whose chain ends in one of them is trusted, host name checks included.
     */
    public static TlsTrust withCertificates(Path file) throws TransferException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : read(file)) {
                store.setCertificateEntry("given-" + n++, certificate);
            }
            List<X509TrustManager> managers = List.of(trustManager(null), trustManager(store));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(managers)}, null);
            return new TlsTrust(context, "the system's certificate authorities and " + file);
        } catch (GeneralSecurityException | IOException e) {
            throw new TransferException(Failure.USAGE, "--cacert " + file + ": " + e.getMessage());
        }
    }

    /** No certificate check at all: whoever answers at the relay's address is taken for the relay. */
    public static TlsTrust insecure() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyoneTrustManager()}, null);
            return new TlsTrust(context, "anyone (--insecure)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        }
    }

    /** The context for the JDK's HTTP client; null for the runtime's default. */
    SSLContext context() {
        return context;
    }

    public String describe() {
        return description;
    }

    private static Collection<? extends Certificate> read(Path file) throws IOException, CertificateException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("holds no certificate (PEM or DER)");
            }
            return certificates;
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** A client's trust manager: it judges servers only, as the client never accepts connections. */
    private abstract static class ServerTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the client does not accept connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the client does not accept connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the client does not accept connections");
        }
    }

    /**
     * Trusts a server that any of its managers trusts. Each is an extended manager (the JDK's
     * are), so the host name is checked as part of the chain, as with the default context.
     */
    private static final class EitherTrustManager extends ServerTrustManager {
        private final List<X509TrustManager> managers;

        EitherTrustManager(List<X509TrustManager> managers) {
            this.managers = managers;
        }

        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void anyOf(Check check) throws CertificateException {
            List<CertificateException> failures = new ArrayList<>();
            for (X509TrustManager manager : managers) {
                try {
                    check.run((X509ExtendedTrustManager) manager);
                    return;
                } catch (CertificateException e) {
                    failures.add(e);
                }
            }
            throw failures.get(failures.size() - 1);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            anyOf(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            anyOf(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            anyOf(manager -> manager.checkServerTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }

    /** Checks nothing, host name included: what --insecure asks for. */
    private static final class AnyoneTrustManager extends ServerTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
