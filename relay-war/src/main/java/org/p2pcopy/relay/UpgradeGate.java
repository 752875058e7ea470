package org.p2pcopy.relay;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.logging.Logger;

/**
 * Checks a WebSocket upgrade before the server accepts it: a malformed path, an unknown protocol
 * version or a page from a foreign origin is refused with an HTTP status and the reason in the
 * {@code P2P-Copy-Refusal} header, so that no connection is spent on it (docs/protocol.md §2.1).
 * A request that passes carries its client's address on to the endpoint as its principal.
 * Servlet filters run before the server's own upgrade, which it registers after declared filters.
 */
@WebFilter(filterName = "p2p-copy-upgrade-gate", urlPatterns = "/relay/*", asyncSupported = true)
public class UpgradeGate extends HttpFilter {
    static final String REFUSAL_HEADER = "P2P-Copy-Refusal";
    private static final Logger LOG = Logger.getLogger(UpgradeGate.class.getName());

    private transient ForwardedFor forwardedFor;
    private transient OriginPolicy origins;

    @Override
    public void init() {
        RelaySettings settings = RoomRegistry.instance().settings();
        forwardedFor = new ForwardedFor(settings.trustedProxies());
        origins = new OriginPolicy(settings.allowedOrigins());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ClientAddress client = forwardedFor.client(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
        String origin = request.getHeader("Origin");
        if (!origins.allows(origin, request.getHeader("Host"))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin", client,
                    "pages from " + origin + " may not use this relay");
            return;
        }
        Refusal refusal = EndpointPath.refusal(request.getRequestURI().substring(request.getContextPath().length()));
        if (refusal != null) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, refusal.code().wireName(), client, refusal.detail());
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return client;
            }
        }, response);
    }

    private static void refuse(HttpServletResponse response, int status, String reason, ClientAddress client,
            String detail) throws IOException {
        RelayEvents.current().refused(reason);
        LOG.fine(() -> "refused " + client + " at the upgrade (" + reason + "): " + detail);
        response.setHeader(REFUSAL_HEADER, detail);
        response.setContentType("text/plain;charset=UTF-8");
        response.setStatus(status);
        response.getWriter().println("p2p-copy relay: " + detail);
    }
}
