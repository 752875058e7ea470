package org.p2pcopy.relay;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds the client behind the reverse proxies the operator trusts: the right-most address in
 * {@code X-Forwarded-For} that is not one of them. Only trusted proxies are believed, since anyone
 * else could write the header to slip past its own limits or to blame another address.
 */
final class ForwardedFor {
    /** An address, or a network in CIDR notation such as {@code 10.0.0.0/8}. */
    private record Network(byte[] prefix, int bits) {
        static Network parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = ClientAddress.literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(RelaySettings.TRUSTED_PROXIES + ": not an IP address or network: " + text);
            }
            int full = address.getAddress().length * 8;
            int bits = full;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > full) {
                    throw new IllegalArgumentException(RelaySettings.TRUSTED_PROXIES + ": bad prefix length in " + text);
                }
            }
            return new Network(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> trusted;

    ForwardedFor(List<String> trustedProxies) {
        trusted = trustedProxies.stream().map(Network::parse).toList();
    }

    /**
     * @param remoteAddress the address the connection came from, as the server reports it
     * @param headers every {@code X-Forwarded-For} header of the request, in order
     */
    ClientAddress client(String remoteAddress, List<String> headers) {
        ClientAddress direct = ClientAddress.parse(remoteAddress);
        if (direct == null) {
            return ClientAddress.UNKNOWN;
        }
        if (!isTrusted(remoteAddress)) {
            return direct;
        }
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        Collections.reverse(hops);
        ClientAddress client = direct;
        for (String hop : hops) {
            ClientAddress next = ClientAddress.parse(hop);
            if (next == null) {
                break; // garbage from further out: the last proxy that wrote sense is as far as the relay can see
            }
            client = next;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String literal) {
        InetAddress address = ClientAddress.literal(literal);
        return address != null && trusted.stream().anyMatch(network -> network.contains(address));
    }
}
