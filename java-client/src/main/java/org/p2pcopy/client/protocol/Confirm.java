package org.p2pcopy.client.protocol;

/**
 * The key confirmation of each peer (docs/protocol.md §4.1): proves that it derived the same key,
 * that is, typed the same code and saw the same hellos.
 *
 * @param mac the SPAKE2 confirmation MAC, cA from the sender, cB from the receiver, in hex
 */
public record Confirm(String mac) implements Message {
    public Confirm {
        Message.requireDigest(mac, "mac");
    }
}
