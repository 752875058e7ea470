package org.p2pcopy.relay;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Reads the relay's settings when the application starts and stops its timer thread at the end.
 * Listeners start before filters, so {@link UpgradeGate} finds the settings in place.
 */
@WebListener
public class RelayLifecycle implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(RelayLifecycle.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        RelaySettings settings = RelaySettings.from(context::getInitParameter);
        RoomRegistry.install(new RoomRegistry(settings));
        LOG.info(() -> "p2p-copy relay ready: " + settings.describe());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        RoomRegistry.instance().shutdown();
    }
}
