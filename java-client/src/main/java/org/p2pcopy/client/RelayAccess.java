package org.p2pcopy.client;

import java.util.Objects;
import org.p2pcopy.client.transport.ProxyRoute;
import org.p2pcopy.client.transport.TlsTrust;

/**
 * How the client reaches the relay: whom it trusts to be the relay over TLS, and which HTTP proxy
 * it goes through. Neither touches the end-to-end encryption, which does not rely on the relay.
 */
public record RelayAccess(TlsTrust trust, ProxyRoute proxy) {
    /** The system's certificate authorities, no proxy. */
    public static final RelayAccess DIRECT = new RelayAccess(TlsTrust.system(), ProxyRoute.direct());

    public RelayAccess {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(proxy, "proxy");
    }
}
