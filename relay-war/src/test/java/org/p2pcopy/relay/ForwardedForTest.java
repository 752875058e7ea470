package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedForTest {
    private final ForwardedFor behindProxies = new ForwardedFor(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

    @Test
    void believesNoHeaderFromAnAddressItDoesNotTrust() {
        ForwardedFor none = new ForwardedFor(List.of());
        assertEquals("203.0.113.7", none.client("203.0.113.7", List.of("198.51.100.1")).getName());
        assertEquals("203.0.113.7", behindProxies.client("203.0.113.7", List.of("198.51.100.1")).getName());
    }

    @Test
    void takesTheRightMostAddressThatIsNotATrustedProxy() {
        assertEquals("198.51.100.2", behindProxies.client("127.0.0.1",
                List.of("192.0.2.66, 198.51.100.2, 10.1.2.3")).getName(), "the client cannot push a forged hop past the proxies");
        assertEquals("198.51.100.2", behindProxies.client("10.9.9.9", List.of("192.0.2.66", "198.51.100.2")).getName(),
                "several headers are one list");
    }

    @Test
    void keepsTheProxyWhenTheHeaderIsMissingOrGarbage() {
        assertEquals("127.0.0.1", behindProxies.client("127.0.0.1", List.of()).getName());
        assertEquals("10.1.2.3", behindProxies.client("127.0.0.1", List.of("evil.example, 10.1.2.3")).getName());
        assertEquals("127.0.0.1", behindProxies.client("127.0.0.1", List.of("unknown")).getName());
    }

    @Test
    void countsAnIpv6ClientByItsSlash64() {
        ClientAddress one = behindProxies.client("2001:db8:1:2::7", List.of());
        ClientAddress other = behindProxies.client("2001:db8:1:2:ffff::1", List.of());
        assertEquals(one.limitKey(), other.limitKey());
        assertEquals("2001:db8:1:2:0:0:0:0/64", one.limitKey());
        assertEquals("203.0.113.7", ClientAddress.parse("203.0.113.7").limitKey());
    }

    @Test
    void neverLooksANameUp() {
        assertEquals(ClientAddress.UNKNOWN, behindProxies.client("localhost", List.of()));
    }

    @Test
    void refusesASettingThatIsNoAddress() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("proxy.example")));
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("10.0.0.0/33")));
    }
}
