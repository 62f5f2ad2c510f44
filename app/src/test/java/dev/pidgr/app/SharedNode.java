package dev.pidgr.app;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods (and static {@code @BeforeAll} methods) one {@link RunningNode} shared by every
 * test class of the run: started on first use, closed by JUnit when the run ends (it lives in the
 * root store, which closes its AutoCloseable values). Tests isolate themselves by organization.
 */
final class SharedNode implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningNode.class;
    }

    @Override
    public RunningNode resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningNode.class, key -> start(), RunningNode.class);
    }

    private static RunningNode start() {
        try {
            return RunningNode.start();
        } catch (Exception e) {
            throw new IllegalStateException("the shared test node did not start", e);
        }
    }
}
