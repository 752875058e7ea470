package org.p2pcopy.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages may open the relay's WebSocket. A browser sends the page's origin with the
 * upgrade, and without a check any site its user visits could use the relay through them; clients
 * outside a browser send no origin and are not concerned. By default only the relay's own page
 * may; the operator can allow more origins, or any with {@code *}.
 */
final class OriginPolicy {
    private final List<String> allowed;
    private final boolean any;

    OriginPolicy(List<String> allowedOrigins) {
        any = allowedOrigins.contains("*");
        allowed = allowedOrigins.stream().map(OriginPolicy::normalized).toList();
    }

    /**
     * @param origin the request's {@code Origin} header, null when there is none
     * @param host the request's {@code Host} header: the relay as the browser addressed it
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String page = normalized(origin);
        return allowed.contains(page) || sameOrigin(page, host);
    }

    /**
     * The page's host and port against the Host header's. A Host without a port does not say
     * which one the browser used (a proxy in front may have dropped it), so any port of the same
     * host matches it.
     */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI page = uri(origin);
        URI relay = uri("http://" + host.trim());
        if (page == null || relay == null || page.getHost() == null || relay.getHost() == null) {
            return false;
        }
        return page.getHost().equalsIgnoreCase(relay.getHost())
                && (relay.getPort() == -1 || effectivePort(page) == relay.getPort());
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** An origin as the browser writes it: scheme://host[:port], lower case, no trailing slash. */
    private static String normalized(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
