package dev.pidgr.api.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code perServer} holders at once on this server, and at most {@code perOrganization} of
 * one organization, so that one tenant cannot take every slot. A caller beyond either gets
 * RESOURCE_EXHAUSTED at once ({@link ApiErrors#tooMany}); it is counted in
 * {@code pidgr.api.limit.rejections} (by limit and scope), and the slots in use are the gauge
 * {@code pidgr.api.limit.in.use}. Thread-safe.
 */
public final class ConcurrencyLimit {

    static final String REJECTIONS = "pidgr.api.limit.rejections";
    static final String IN_USE = "pidgr.api.limit.in.use";

    /** A slot; closing it (once or more) gives it back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** The organization's own limit was reached, or the server's. */
    public enum Scope { ORGANIZATION, SERVER }

    private final String name;
    private final String what;
    private final int perServer;
    private final int perOrganization;
    private final AtomicInteger inUse = new AtomicInteger();
    private final Map<String, Integer> byOrganization = new ConcurrentHashMap<>();
    private final Counter organizationRejections;
    private final Counter serverRejections;

    /**
     * @param name the {@code limit} tag of its meters ({@code mutations})
     * @param what what is limited, for the status message ("mutations in flight")
     */
    public ConcurrencyLimit(String name, String what, int perServer, int perOrganization, MeterRegistry registry) {
        this.name = name;
        this.what = what;
        this.perServer = perServer;
        this.perOrganization = perOrganization;
        this.organizationRejections = rejections(registry, Scope.ORGANIZATION);
        this.serverRejections = rejections(registry, Scope.SERVER);
        Gauge.builder(IN_USE, inUse, AtomicInteger::get)
                .description("slots of a concurrency limit in use on this server")
                .tag("limit", name)
                .register(registry);
    }

    /** A slot for a call of the organization, or RESOURCE_EXHAUSTED when its or the server's slots are all taken. */
    public Permit acquire(String organizationId) {
        boolean[] full = {false};
        byOrganization.compute(organizationId, (org, held) -> {
            int now = held == null ? 0 : held;
            if (now >= perOrganization) {
                full[0] = true;
                return held;
            }
            return now + 1;
        });
        if (full[0]) {
            organizationRejections.increment();
            throw ApiErrors.tooMany(name, what, Scope.ORGANIZATION, perOrganization);
        }
        if (inUse.incrementAndGet() > perServer) {
            inUse.decrementAndGet();
            release(organizationId);
            serverRejections.increment();
            throw ApiErrors.tooMany(name, what, Scope.SERVER, perServer);
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                inUse.decrementAndGet();
                release(organizationId);
            }
        };
    }

    /** Slots in use on this server. */
    public int inUse() {
        return inUse.get();
    }

    private void release(String organizationId) {
        byOrganization.computeIfPresent(organizationId, (org, held) -> held <= 1 ? null : held - 1);
    }

    private Counter rejections(MeterRegistry registry, Scope scope) {
        return Counter.builder(REJECTIONS)
                .description("calls refused with RESOURCE_EXHAUSTED because a concurrency limit was reached, by limit and scope")
                .tag("limit", name)
                .tag("scope", scope.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
