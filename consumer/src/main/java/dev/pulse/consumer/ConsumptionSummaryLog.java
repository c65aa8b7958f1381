package dev.pulse.consumer;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The INFO view of consumption: one line per {@code pulse.consumer.summary-interval} when anything arrived,
 * instead of one per event.
 */
@ApplicationScoped
public class ConsumptionSummaryLog {

    private static final Logger LOG = Logger.getLogger(ConsumptionSummaryLog.class);

    private final ConsumptionTally tally;
    private final ConsumerConfig config;
    /** Runs never overlap ({@code SKIP}) but may run on different worker threads, hence volatile. */
    private volatile ConsumptionTally.Totals lastLogged = new ConsumptionTally.Totals(0, 0, 0);

    ConsumptionSummaryLog(ConsumptionTally tally, ConsumerConfig config) {
        this.tally = tally;
        this.config = config;
    }

    @Scheduled(identity = "consumption-summary", every = "${pulse.consumer.summary-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void logSummary() {
        ConsumptionTally.Totals now = tally.totals();
        long consumed = now.events() - lastLogged.events();
        long deadLettered = now.deadLettered() - lastLogged.deadLettered();
        lastLogged = now;
        if (consumed == 0 && deadLettered == 0) {
            return;
        }
        if (deadLettered == 0) {
            LOG.infof("Consumed %d page events in the last %ss (%d in total, %d pages)",
                    consumed, config.summaryInterval().toSeconds(), now.events(), now.pages());
        } else {
            LOG.infof("Consumed %d page events in the last %ss (%d in total, %d pages); "
                    + "dead-lettered %d records to %s (%d in total), latest because: %s",
                    consumed, config.summaryInterval().toSeconds(), now.events(), now.pages(), deadLettered,
                    config.deadLetterTopic(), now.deadLettered(), tally.lastDeadLetterReason());
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        ConsumptionTally.Totals totals = tally.totals();
        LOG.infof("Stopping after consuming %d page events (%d pages) and dead-lettering %d records",
                totals.events(), totals.pages(), totals.deadLettered());
    }
}
