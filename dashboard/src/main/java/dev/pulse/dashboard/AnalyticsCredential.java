package dev.pulse.dashboard;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import dev.pulse.security.AccessConfig;
import dev.pulse.security.KeyHeaders;
import io.quarkus.runtime.StartupEvent;

/**
 * The headers of every call to analytics: the dashboard's own key ({@link DashboardConfig#analyticsKey()}), and
 * nothing of the request that led to the call, so that a visitor's credentials never travel on.
 */
@ApplicationScoped
public class AnalyticsCredential implements ClientHeadersFactory {

    private final Optional<String> key;
    private final KeyHeaders headers;

    AnalyticsCredential(DashboardConfig config) {
        this.key = config.analyticsKey();
        this.headers = new KeyHeaders(key);
    }

    /** With access control on, analytics is expected to want a key too: better to say so at start than at each poll. */
    void requireKey(@Observes StartupEvent start, AccessConfig access) {
        if (!access.open() && key.isEmpty()) {
            throw new IllegalStateException("pulse.dashboard.analytics-key is not set: the dashboard asks analytics with "
                    + "a key of its own with the viewer role (env PULSE_DASHBOARD_ANALYTICS_KEY), see the README's Access section");
        }
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
            MultivaluedMap<String, String> clientOutgoingHeaders) {
        return headers.update(incomingHeaders, clientOutgoingHeaders);
    }
}
