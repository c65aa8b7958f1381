package dev.pulse.reliability;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link PulseStack} and the one {@link ReliabilityReport} of the run. Both live in the root
 * context's store, so that JUnit closes them after the last test class: the stack first (it was added last), then
 * the report, which prints.
 */
final class ReliabilitySuite implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PulseStack.class || type == ReliabilityReport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        ReliabilityReport report = store.computeIfAbsent(ReliabilityReport.class, type -> new ReliabilityReport(),
                ReliabilityReport.class);
        if (parameter.getParameter().getType() == ReliabilityReport.class) {
            return report;
        }
        return store.computeIfAbsent(PulseStack.class, type -> PulseStack.start(), PulseStack.class);
    }
}
