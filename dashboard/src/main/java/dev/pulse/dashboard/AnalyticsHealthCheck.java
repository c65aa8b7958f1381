package dev.pulse.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports what the last poll saw of analytics, without polling it. Always UP: a dashboard whose analytics is
 * down still serves its page and says "analytics unreachable" there, which beats being taken out of rotation.
 */
@Readiness
@ApplicationScoped
public class AnalyticsHealthCheck implements HealthCheck {

    private final CountsFeed feed;

    public AnalyticsHealthCheck(CountsFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("analytics").up()
                .withData("connectedClients", feed.connectedClients());
        SharedFeed.PollOutcome outcome = feed.lastOutcome();
        if (outcome == null) {
            return response.withData("analytics", "not polled yet (no browser connected)").build();
        }
        response.withData("lastPoll", outcome.at().toString());
        if (outcome instanceof SharedFeed.PollOutcome.Unreachable unreachable) {
            return response.withData("analytics", "unreachable").withData("detail", unreachable.detail()).build();
        }
        return response.withData("analytics", "reachable").build();
    }
}
