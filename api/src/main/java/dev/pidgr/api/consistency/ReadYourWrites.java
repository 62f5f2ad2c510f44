package dev.pidgr.api.consistency;

import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.ConcurrencyLimit;
import dev.pidgr.query.ProjectionPositions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * docs/api.md's read-your-writes: a read reflects every command that completed through this instance
 * before the read began. Before answering, a read waits (until its deadline, at most 5 s) for the
 * projection to reach the writes it must see; if it cannot, the read is UNAVAILABLE, never stale.
 */
public final class ReadYourWrites {

    /** The longest a read waits for the projection. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** Stop waiting this long before the deadline, so the client hears UNAVAILABLE rather than its own timeout. */
    static final Duration DEADLINE_MARGIN = Duration.ofMillis(50);

    private final WriteTracker tracker;
    private final ProjectionPositions positions;
    private final ProjectionWait wait;
    private final Clock clock;
    private final ConcurrencyLimit versionWaits;

    public ReadYourWrites(WriteTracker tracker, ProjectionPositions positions, ProjectionWait wait, Clock clock,
            ConcurrencyLimit versionWaits) {
        this.tracker = tracker;
        this.positions = positions;
        this.wait = wait;
        this.clock = clock;
        this.versionWaits = versionWaits;
    }

    /** Records a completed command (called by the mutating RPCs before they answer). */
    public void written(Kind kind, String organizationId, String aggregateId, long version) {
        tracker.record(kind, organizationId, aggregateId, version);
    }

    /** Waits until the projection shows every tracked write to this one aggregate. */
    public void awaitOne(Kind kind, String organizationId, String aggregateId, Instant deadline) {
        long version = tracker.pending(kind, organizationId, aggregateId);
        if (version > 0) {
            awaitAll(kind, organizationId, new HashMap<>(Map.of(aggregateId, version)), deadline);
        }
    }

    /** Waits until the projection shows every tracked write of this kind in the organization (for lists). */
    public void awaitAll(Kind kind, String organizationId, Instant deadline) {
        Map<String, Long> required = tracker.pending(kind, organizationId);
        if (!required.isEmpty()) {
            awaitAll(kind, organizationId, required, deadline);
        }
    }

    /**
     * Reads until the result is at least {@code minVersion} ({@code x-pidgr-min-version}); 0 reads
     * once. A read that must wait takes a slot of the version-wait limit (per server and per
     * organization; full: RESOURCE_EXHAUSTED at once), re-reads at a growing pace (20 ms to 200 ms)
     * and, once the aggregate is visible to the organization, checks only its projected version.
     * Not reached by the deadline (at most 5 s): UNAVAILABLE.
     */
    public <T> Optional<T> readAtLeast(Kind kind, String organizationId, String aggregateId, Supplier<Optional<T>> read,
            ToLongFunction<T> version, long minVersion, Instant deadline) {
        if (minVersion <= 0) {
            return read.get();
        }
        MinimumVersionRead<T> wanted =
                new MinimumVersionRead<>(read, version, () -> projected(kind, organizationId, aggregateId),
                        minVersion);
        if (wanted.reached()) {
            return wanted.last();
        }
        try (ConcurrencyLimit.Permit slot = versionWaits.acquire(organizationId)) {
            if (!await(new Paced(wanted, clock, clock.instant()), deadline)) {
                throw ApiErrors.unavailable("version " + minVersion + " is not readable yet; retry");
            }
            return wanted.last();
        }
    }

    /**
     * Reads until {@code read} finds something: a fact the workflow reports after a command (a nudge's selection).
     * Waits as {@link #readAtLeast} does (a slot of the version-wait limit, a growing pace, until the deadline and
     * at most 5 s); not found by then: UNAVAILABLE with {@code notYet}, and a retry may find it.
     */
    public <T> T readWhenPresent(String organizationId, Supplier<Optional<T>> read, Instant deadline, String notYet) {
        Optional<T> first = read.get();
        if (first.isPresent()) {
            return first.get();
        }
        AtomicReference<T> found = new AtomicReference<>();
        BooleanSupplier present = () -> read.get().map(value -> {
            found.set(value);
            return true;
        }).orElse(false);
        try (ConcurrencyLimit.Permit slot = versionWaits.acquire(organizationId)) {
            if (!await(new Paced(present, clock, clock.instant()), deadline)) {
                throw ApiErrors.unavailable(notYet);
            }
            return found.get();
        }
    }

    private void awaitAll(Kind kind, String organizationId, Map<String, Long> required, Instant deadline) {
        boolean caughtUp = await(() -> {
            required.entrySet().removeIf(entry -> {
                long projected = projected(kind, organizationId, entry.getKey());
                if (projected >= entry.getValue()) {
                    tracker.observed(kind, organizationId, entry.getKey(), projected);
                    return true;
                }
                return false;
            });
            return required.isEmpty();
        }, deadline);
        if (!caughtUp) {
            throw ApiErrors.unavailable("the read model has not caught up with earlier writes yet; retry");
        }
    }

    private boolean await(BooleanSupplier condition, Instant deadline) {
        Instant now = clock.instant();
        Instant byDeadline = deadline.minus(DEADLINE_MARGIN);
        Instant limit = now.plus(MAX_WAIT);
        try {
            return wait.await(condition, byDeadline.isBefore(limit) ? byDeadline : limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unavailable("interrupted while waiting for the read model");
        }
    }

    private long projected(Kind kind, String organizationId, String aggregateId) {
        return switch (kind) {
            case CAMPAIGN -> positions.campaignVersion(aggregateId);
            case TEMPLATE -> positions.templateVersion(aggregateId);
            case DEVICE -> positions.deviceVersion(organizationId, aggregateId);
        };
    }
}
