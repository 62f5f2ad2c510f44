package dev.pidgr.api.server;

import com.linecorp.armeria.server.healthcheck.SettableHealthChecker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Feeds the app's readiness into the health service: polled every 250 ms, so a check never runs
 * the app's supplier on a network thread and NOT_SERVING / SERVING follow within a quarter second.
 */
final class ReadinessHealth implements AutoCloseable {

    private final SettableHealthChecker checker = new SettableHealthChecker(false);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pidgr-api-readiness").factory());
    private final BooleanSupplier readiness;

    ReadinessHealth(BooleanSupplier readiness) {
        this.readiness = readiness;
    }

    SettableHealthChecker checker() {
        return checker;
    }

    void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, 250, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        boolean ready;
        try {
            ready = readiness.getAsBoolean();
        } catch (RuntimeException e) {
            ready = false;
        }
        if (ready != checker.isHealthy()) {
            checker.setHealthy(ready);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
