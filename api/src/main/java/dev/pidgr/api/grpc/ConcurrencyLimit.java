package dev.pidgr.api.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perServer} units held at once on this server, and at most {@code perOrganization}
 * by one organization, so that one tenant cannot take every slot. A unit is a call (weight 1), or
 * a byte of a request ({@link #acquire(String, long)}). A caller beyond either gets
 * RESOURCE_EXHAUSTED at once ({@link ApiErrors#tooMany}); it is counted in
 * {@code pidgr.api.limit.rejections} (by limit and scope), and the units in use are the gauge
 * {@code pidgr.api.limit.in.use}. A weight larger than a limit is still let through when nothing
 * else holds it, so one request of any allowed size always gets its turn. Thread-safe.
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
    private final long perServer;
    private final long perOrganization;
    private final AtomicLong inUse = new AtomicLong();
    private final Map<String, Long> byOrganization = new ConcurrentHashMap<>();
    private final Counter organizationRejections;
    private final Counter serverRejections;

    /**
     * @param name the {@code limit} tag of its meters ({@code mutations})
     * @param what what is limited, for the status message ("mutations in flight")
     */
    public ConcurrencyLimit(String name, String what, long perServer, long perOrganization, MeterRegistry registry) {
        this.name = name;
        this.what = what;
        this.perServer = perServer;
        this.perOrganization = perOrganization;
        this.organizationRejections = rejections(registry, Scope.ORGANIZATION);
        this.serverRejections = rejections(registry, Scope.SERVER);
        Gauge.builder(IN_USE, inUse, AtomicLong::get)
                .description("slots of a concurrency limit in use on this server")
                .tag("limit", name)
                .register(registry);
    }

    /** A slot for a call of the organization, or RESOURCE_EXHAUSTED when its or the server's slots are all taken. */
    public Permit acquire(String organizationId) {
        return acquire(organizationId, 1);
    }

    /**
     * {@code weight} units for the organization (e.g. a request's bytes), or RESOURCE_EXHAUSTED when they do not fit.
     */
    public Permit acquire(String organizationId, long weight) {
        boolean[] full = {false};
        byOrganization.compute(organizationId, (org, held) -> {
            long now = held == null ? 0 : held;
            if (now > 0 && now + weight > perOrganization) {
                full[0] = true;
                return held;
            }
            return now + weight;
        });
        if (full[0]) {
            organizationRejections.increment();
            throw ApiErrors.tooMany(name, what, Scope.ORGANIZATION, perOrganization);
        }
        long after = inUse.addAndGet(weight);
        if (after > perServer && after > weight) {
            inUse.addAndGet(-weight);
            release(organizationId, weight);
            serverRejections.increment();
            throw ApiErrors.tooMany(name, what, Scope.SERVER, perServer);
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                inUse.addAndGet(-weight);
                release(organizationId, weight);
            }
        };
    }

    /**
     * A holding that grows as a request's bytes arrive: {@link Lease#grow} takes more units, or throws
     * RESOURCE_EXHAUSTED when they do not fit. A lease that is its organization's only one may grow
     * past the organization's share, and one that is the server's only one past the server's, so a
     * single request of any allowed size always gets its turn.
     */
    public Lease open(String organizationId) {
        return new Lease(organizationId);
    }

    /** Units held for one organization as they are needed; closing gives them all back. */
    public final class Lease implements Permit {
        private final String organizationId;
        private long held;
        private boolean closed;

        private Lease(String organizationId) {
            this.organizationId = organizationId;
        }

        /** Takes {@code weight} more units, or throws RESOURCE_EXHAUSTED (holding what it held). */
        public synchronized void grow(long weight) {
            if (closed) {
                return;
            }
            long mine = held;
            boolean[] full = {false};
            byOrganization.compute(organizationId, (org, now) -> {
                long current = now == null ? 0 : now;
                if (current + weight > perOrganization && current > mine) {
                    full[0] = true;
                    return now;
                }
                return current + weight;
            });
            if (full[0]) {
                organizationRejections.increment();
                throw ApiErrors.tooMany(name, what, Scope.ORGANIZATION, perOrganization);
            }
            long after = inUse.addAndGet(weight);
            if (after > perServer && after - weight > mine) {
                inUse.addAndGet(-weight);
                release(organizationId, weight);
                serverRejections.increment();
                throw ApiErrors.tooMany(name, what, Scope.SERVER, perServer);
            }
            held += weight;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                inUse.addAndGet(-held);
                release(organizationId, held);
            }
        }
    }

    /** Units in use on this server. */
    public long inUse() {
        return inUse.get();
    }

    private void release(String organizationId, long weight) {
        byOrganization.computeIfPresent(organizationId, (org, held) -> held <= weight ? null : held - weight);
    }

    private Counter rejections(MeterRegistry registry, Scope scope) {
        return Counter.builder(REJECTIONS)
                .description(
                        "calls refused with RESOURCE_EXHAUSTED because a concurrency limit was reached, by limit and"
                                + " scope")
                .tag("limit", name)
                .tag("scope", scope.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
