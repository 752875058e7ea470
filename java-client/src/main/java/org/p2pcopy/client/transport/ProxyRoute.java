package org.p2pcopy.client.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which HTTP proxy, if any, the connection to a relay goes through: one the user named, or the one
 * the environment names the way curl and most tools read it ({@code https_proxy} for wss://,
 * {@code http_proxy} for ws://, either in upper case, and {@code no_proxy} for hosts to reach
 * directly; this machine's own addresses are always reached directly, as a proxy elsewhere could
 * not reach them). The client asks the proxy for a tunnel (HTTP CONNECT) and speaks TLS and WebSocket
 * through it, so the proxy sees the relay's host name and port and nothing else.
 */
public final class ProxyRoute {
    /** The port of a proxy URL without one, as curl assumes it. */
    static final int DEFAULT_PORT = 1080;
    private static final ProxyRoute DIRECT = new ProxyRoute(null, null, List.of(), false, "no proxy");

    private final InetSocketAddress forWss;
    private final InetSocketAddress forWs;
    private final List<String> bypass;
    // A proxy the user named serves every relay, this machine's included; one from the environment does not.
    private final boolean named;
    private final String description;

    private ProxyRoute(InetSocketAddress forWss, InetSocketAddress forWs, List<String> bypass, boolean named,
            String description) {
        this.forWss = forWss;
        this.forWs = forWs;
        this.bypass = bypass;
        this.named = named;
        this.description = description;
    }

    /** Every connection goes straight to the relay. */
    public static ProxyRoute direct() {
        return DIRECT;
    }

    /**
     * Every connection goes through the proxy at {@code url} ({@code http://host:port}, or
     * {@code host:port}).
     *
     * @throws IllegalArgumentException if it is not such a URL, with a message for the user
     */
    public static ProxyRoute through(String url) {
        InetSocketAddress proxy = parse(url, "--proxy");
        return new ProxyRoute(proxy, proxy, List.of(), true, "proxy " + shown(url));
    }

    /**
     * The proxies the environment names, or {@link #direct()} if it names none.
     *
     * @throws IllegalArgumentException if a variable holds something that is not a proxy URL
     */
    public static ProxyRoute fromEnvironment(Map<String, String> environment) {
        String https = variable(environment, "https_proxy");
        String http = variable(environment, "http_proxy");
        if (https == null && http == null) {
            return DIRECT;
        }
        String noProxy = variable(environment, "no_proxy");
        List<String> bypass = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).map(ProxyRoute::hostPart).toList();
        return new ProxyRoute(https == null ? null : parse(https, "https_proxy"),
                http == null ? null : parse(http, "http_proxy"), bypass, false,
                "proxy from the environment (" + (https != null ? "https_proxy=" + shown(https) : "http_proxy=" + shown(http))
                + ")");
    }

    /** The proxy for a relay endpoint ({@code ws://} or {@code wss://}), or null to connect directly. */
    public InetSocketAddress proxyFor(URI endpoint) {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        InetSocketAddress proxy = scheme.equals("wss") || scheme.equals("https") ? forWss : forWs;
        if (proxy == null || bypassed(String.valueOf(endpoint.getHost()))) {
            return null;
        }
        return proxy;
    }

    /** For the JDK's HTTP client, which asks with the http(s) form of the endpoint. */
    ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                InetSocketAddress proxy = proxyFor(uri);
                return List.of(proxy == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, proxy));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // The connection attempt reports the failure itself.
            }
        };
    }

    /** For messages: which route this is. */
    public String describe() {
        return description;
    }

    private boolean bypassed(String host) {
        if (named) {
            return false;
        }
        String name = stripBrackets(host).toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.startsWith("127.") || name.equals("::1")) {
            return true;
        }
        for (String entry : bypass) {
            if (entry.equals("*") || name.equals(entry) || name.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A no_proxy entry as a host name to compare: "*.example.org", ".example.org" and "example.org:443" all become "example.org". */
    private static String hostPart(String entry) {
        String host = entry.toLowerCase(Locale.ROOT);
        if (host.startsWith("*.")) {
            host = host.substring(2);
        } else if (host.startsWith(".")) {
            host = host.substring(1);
        }
        if (host.startsWith("[")) {
            return stripBrackets(host.substring(0, host.indexOf(']') + 1));
        }
        int colon = host.indexOf(':');
        return colon > 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    /** A proxy URL for a message, without a password it may carry. */
    private static String shown(String url) {
        return url.replaceFirst("//[^/@]*@", "//…@");
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static InetSocketAddress parse(String url, String where) {
        String text = url.contains("://") ? url : "http://" + url;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + shown(url) + "' is not a proxy URL such as http://proxy:3128");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": '" + shown(url) + "' is not a proxy URL such as "
                    + "http://proxy:3128 (only HTTP proxies are supported)");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(where + ": a proxy that needs a user name and password is not supported");
        }
        return InetSocketAddress.createUnresolved(stripBrackets(uri.getHost()),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }
}
