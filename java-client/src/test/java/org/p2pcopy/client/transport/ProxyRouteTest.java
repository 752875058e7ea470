package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRouteTest {
    private static final URI WSS = URI.create("wss://relay.example.org/relay/v1/7/send");
    private static final URI WS = URI.create("ws://relay.example.org:8080/relay/v1/7/send");

    @Test
    void theEnvironmentNamesAProxyPerScheme() {
        ProxyRoute route = ProxyRoute.fromEnvironment(Map.of("https_proxy", "http://secure:3128",
                "HTTP_PROXY", "plain:8080"));

        assertEquals(address("secure", 3128), route.proxyFor(WSS));
        assertEquals(address("plain", 8080), route.proxyFor(WS));
    }

    @Test
    void lowerCaseWinsOverUpperCaseAndAMissingPortIsCurlsDefault() {
        ProxyRoute route = ProxyRoute.fromEnvironment(Map.of("https_proxy", "http://lower", "HTTPS_PROXY", "http://upper:1"));

        assertEquals(address("lower", ProxyRoute.DEFAULT_PORT), route.proxyFor(WSS));
        assertNull(route.proxyFor(WS), "no http_proxy: ws:// goes direct");
    }

    @Test
    void noProxyListsHostsAndDomainsToReachDirectly() {
        Map<String, String> environment = Map.of("https_proxy", "http://proxy:3128",
                "no_proxy", "localhost, .internal.example, *.lab.example ,10.1.2.3,other.example:443");

        ProxyRoute route = ProxyRoute.fromEnvironment(environment);

        for (String direct : List.of("localhost", "relay.internal.example", "internal.example", "a.b.lab.example",
                "10.1.2.3", "other.example")) {
            assertNull(route.proxyFor(URI.create("wss://" + direct + "/relay/v1/7/send")), direct);
        }
        for (String proxied : List.of("relay.example.org", "notinternal.example", "10.1.2.30", "example")) {
            assertEquals(address("proxy", 3128), route.proxyFor(URI.create("wss://" + proxied + "/x")), proxied);
        }
    }

    /** A proxy elsewhere could not reach this machine's relay; one the user names is used all the same. */
    @Test
    void thisMachineIsReachedDirectlyUnlessTheUserNamesAProxy() {
        ProxyRoute environment = ProxyRoute.fromEnvironment(Map.of("https_proxy", "http://proxy:3128",
                "http_proxy", "http://proxy:3128"));
        ProxyRoute named = ProxyRoute.through("http://127.0.0.1:3128");

        for (String local : List.of("ws://127.0.0.1:8080/x", "wss://localhost/x", "ws://[::1]:8080/x")) {
            assertNull(environment.proxyFor(URI.create(local)), local);
            assertEquals(address("127.0.0.1", 3128), named.proxyFor(URI.create(local)), local);
        }
    }

    @Test
    void aStarInNoProxyMeansNoProxyAtAll() {
        ProxyRoute route = ProxyRoute.fromEnvironment(Map.of("https_proxy", "http://proxy:3128", "NO_PROXY", "*"));

        assertNull(route.proxyFor(WSS));
    }

    @Test
    void aProxyGivenByTheUserServesEveryRelayWhateverTheEnvironment() {
        ProxyRoute route = ProxyRoute.through("http://[::1]:3128");

        assertEquals(address("::1", 3128), route.proxyFor(WSS));
        assertEquals(address("::1", 3128), route.proxyFor(WS));
    }

    @Test
    void theJdkClientAsksWithTheHttpFormOfTheEndpoint() {
        ProxyRoute route = ProxyRoute.fromEnvironment(Map.of("https_proxy", "proxy:3128"));

        List<Proxy> proxies = route.selector().select(URI.create("https://relay.example.org/relay/v1/7/send"));

        assertEquals(List.of(new Proxy(Proxy.Type.HTTP, address("proxy", 3128))), proxies);
        assertEquals(List.of(Proxy.NO_PROXY), route.selector().select(URI.create("http://relay.example.org/")));
    }

    @Test
    void whatIsNotAnHttpProxyUrlIsRefusedWithTheReason() {
        for (String bad : List.of("socks5://proxy:1080", "https://proxy:3128", "http://", "http://user:pw@proxy:3128",
                "not a url")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ProxyRoute.through(bad),
                    bad);
            assertTrue(refused.getMessage().startsWith("--proxy"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ProxyRoute.fromEnvironment(Map.of("http_proxy", "ftp://x")));
    }

    @Test
    void anEmptyEnvironmentIsDirect() {
        assertNull(ProxyRoute.fromEnvironment(Map.of("https_proxy", " ")).proxyFor(WSS));
        assertEquals("no proxy", ProxyRoute.fromEnvironment(Map.of()).describe());
    }

    private static InetSocketAddress address(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }
}
