package org.p2pcopy.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health checks ({@code /health/live}, {@code /health/ready} on Payara Micro). The
 * relay is live while it runs; it is ready while it admits new peers, so that a load balancer
 * sends newcomers elsewhere while it is full or stopping.
 */
@ApplicationScoped
public class RelayHealth {
    static final String NAME = "p2p-copy-relay";

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> figures(HealthCheckResponse.named(NAME).up());
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> figures(HealthCheckResponse.named(NAME).status(RoomRegistry.instance().ready()));
    }

    private static HealthCheckResponse figures(org.eclipse.microprofile.health.HealthCheckResponseBuilder builder) {
        RoomRegistry registry = RoomRegistry.instance();
        return builder.withData("rooms", registry.openRooms()).withData("transfers", registry.pairedRooms())
                .withData("connections", registry.openConnections()).build();
    }
}
