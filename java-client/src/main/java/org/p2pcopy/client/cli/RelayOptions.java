package org.p2pcopy.client.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.transport.ProxyRoute;
import org.p2pcopy.client.transport.TlsTrust;

/** The options both commands share for reaching the relay: TLS trust and proxy. */
final class RelayOptions {
    static final Option CACERT = Option.builder().longOpt("cacert").hasArg().argName("FILE")
            .desc("also trust the certificate(s) in FILE (PEM or DER) for the relay's TLS, e.g. a relay's "
                    + "self-signed one").get();
    static final Option INSECURE = Option.builder().longOpt("insecure")
            .desc("do not check the relay's TLS certificate at all (the transfer stays end-to-end encrypted, "
                    + "but anyone on the way can pose as the relay)").get();
    static final Option PROXY = Option.builder().longOpt("proxy").hasArg().argName("URL")
            .desc("reach the relay through this HTTP proxy, e.g. http://proxy:3128 (default: https_proxy, "
                    + "http_proxy and no_proxy from the environment)").get();
    static final List<Option> ALL = List.of(CACERT, INSECURE, PROXY);

    private RelayOptions() {
    }

    static RelayAccess read(CommandLine line, Map<String, String> environment, TransferListener listener)
            throws TransferException {
        if (line.hasOption(CACERT) && line.hasOption(INSECURE)) {
            throw new TransferException(Failure.USAGE, "--cacert and --insecure contradict each other");
        }
        TlsTrust trust = TlsTrust.system();
        if (line.hasOption(CACERT)) {
            trust = TlsTrust.withCertificates(Path.of(line.getOptionValue(CACERT)));
        } else if (line.hasOption(INSECURE)) {
            trust = TlsTrust.insecure();
            listener.warning("--insecure: the relay's certificate is not checked, so anyone on the way could pose "
                    + "as the relay; the files stay end-to-end encrypted, but use --cacert FILE where you can");
        }
        try {
            ProxyRoute proxy = line.hasOption(PROXY) ? ProxyRoute.through(line.getOptionValue(PROXY))
                    : ProxyRoute.fromEnvironment(environment);
            return new RelayAccess(trust, proxy);
        } catch (IllegalArgumentException e) {
            throw new TransferException(Failure.USAGE, e.getMessage());
        }
    }
}
