package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOnly = new OriginPolicy(List.of());

    @Test
    void letsClientsOutsideABrowserIn() {
        assertTrue(sameOnly.allows(null, "relay.example"));
    }

    @Test
    void letsTheRelaysOwnPageIn() {
        assertTrue(sameOnly.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(sameOnly.allows("https://Relay.Example", "relay.example:443"));
        assertTrue(sameOnly.allows("https://relay.example", "relay.example"), "a proxy in front may drop the port");
    }

    @Test
    void keepsOtherPagesOut() {
        assertFalse(sameOnly.allows("https://evil.example", "relay.example"));
        assertFalse(sameOnly.allows("http://127.0.0.1:9999", "127.0.0.1:8080"));
        assertFalse(sameOnly.allows("null", "relay.example"), "a page from a file or a sandbox");
        assertFalse(sameOnly.allows("https://relay.example.evil.example", "relay.example"));
    }

    @Test
    void letsListedOriginsOrAnyIn() {
        OriginPolicy listed = new OriginPolicy(List.of("https://files.example/"));
        assertTrue(listed.allows("https://files.example", "relay.example"));
        assertFalse(listed.allows("https://other.example", "relay.example"));
        assertTrue(new OriginPolicy(List.of("*")).allows("https://other.example", "relay.example"));
    }
}
