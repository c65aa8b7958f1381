package dev.pulse.reliability;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zero loss under faults: events flow the whole time while the broker is stopped and restarted, analytics is
 * killed, the consumer is killed; after each scenario the audit of {@link Scenario} holds, and analytics still
 * answers exactly what earlier audits found (its state outlives its crashes).
 */
@ExtendWith(ReliabilitySuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final Sizing SIZING = Sizing.CURRENT;
    /** Scenarios audited so far, in this class. */
    private static final List<Scenario.Expectation> AUDITED = new ArrayList<>();

    private final PulseStack stack;
    private final ReliabilityReport report;

    FaultToleranceIT(PulseStack stack, ReliabilityReport report) {
        this.stack = stack;
        this.report = report;
    }

    @Test
    @Order(1)
    void steadyLoadWithoutFaultsIsCountedExactlyOnce() {
        Scenario scenario = Scenario.begin(stack, report, SIZING, "no-fault");
        scenario.flow();
        AUDITED.add(scenario.finishAndAudit());
    }

    @Test
    @Order(2)
    void brokerStoppedAndRestartedUnderLoad() {
        Scenario scenario = Scenario.begin(stack, report, SIZING, "broker-restart");
        for (int i = 0; i < SIZING.faultsPerScenario(); i++) {
            scenario.flow();
            stack.restartBroker(SIZING.brokerOutage());
            report.fault("broker stopped and restarted");
        }
        scenario.flow();
        AUDITED.add(scenario.finishAndAudit());
    }

    @Test
    @Order(3)
    void analyticsKilledAndRestartedUnderLoad() {
        Scenario scenario = Scenario.begin(stack, report, SIZING, "analytics-kill");
        for (int i = 0; i < SIZING.faultsPerScenario(); i++) {
            scenario.flow();
            stack.crashAndRestartAnalytics();
            report.fault("analytics SIGKILL");
        }
        scenario.flow();
        AUDITED.add(scenario.finishAndAudit());
    }

    @Test
    @Order(4)
    void consumerKilledAndRestartedUnderLoad() {
        Scenario scenario = Scenario.begin(stack, report, SIZING, "consumer-kill");
        for (int i = 0; i < SIZING.faultsPerScenario(); i++) {
            scenario.flow();
            scenario.crashAndRestartConsumer();
            report.fault("consumer SIGKILL");
        }
        scenario.flow();
        AUDITED.add(scenario.finishAndAudit());
    }

    /** Whatever came since, analytics answers for every earlier scenario exactly what its audit found. */
    @AfterEach
    void earlierAuditsStillHold() {
        for (Scenario.Expectation expectation : AUDITED) {
            Scenario.recheck(stack, report, expectation);
        }
    }
}
