package org.p2pcopy.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Who opened a connection, as far as the relay can tell: the address its limits count against and
 * its log names. The Jakarta WebSocket API shows an endpoint no address, but it does carry the HTTP
 * request's principal into the session, so {@link UpgradeGate} hands the address over as one.
 */
final class ClientAddress implements Principal {
    /** Where the relay could not learn the address (a server that skipped the gate): no per-address limit applies. */
    static final ClientAddress UNKNOWN = new ClientAddress("unknown", null);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String printable;
    private final String limitKey;

    private ClientAddress(String printable, String limitKey) {
        this.printable = printable;
        this.limitKey = limitKey;
    }

    /**
     * The address of a literal IP as a server or proxy reports it; null for anything else, which
     * is never looked up in DNS.
     */
    static ClientAddress parse(String literal) {
        InetAddress address = literal(literal);
        if (address == null) {
            return null;
        }
        return new ClientAddress(address.getHostAddress(), limitKey(address));
    }

    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Limits count per IPv4 address but per IPv6 /64: one host usually holds a whole /64 and could
     * otherwise take a fresh address for every connection.
     */
    private static String limitKey(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an address
            }
        }
        return address.getHostAddress();
    }

    /** What the rate limits count against, or null for {@link #UNKNOWN}. */
    String limitKey() {
        return limitKey;
    }

    @Override
    public String getName() {
        return printable;
    }

    @Override
    public String toString() {
        return printable;
    }
}
