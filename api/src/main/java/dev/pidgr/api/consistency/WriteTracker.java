package dev.pidgr.api.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes that completed through this api instance and may not be projected yet, per
 * organization and kind: aggregate id to the highest version written. An entry is forgotten once
 * a read observed the projection at or past it, or after {@link #RETENTION} (a projection that
 * far behind makes reads fail anyway).
 */
public final class WriteTracker {

    /** What was written. */
    public enum Kind {
        CAMPAIGN,
        TEMPLATE,
        /** A recipient's devices and contact: the aggregate id is the user id, scoped by the organization. */
        DEVICE
    }

    static final Duration RETENTION = Duration.ofHours(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private record Scope(Kind kind, String organizationId) {
    }

    private record Write(long version, Instant completedAt) {
    }

    private final Map<Scope, Map<String, Write>> writes = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextPrune;

    public WriteTracker(Clock clock) {
        this.clock = clock;
        this.nextPrune = clock.instant().plus(PRUNE_EVERY);
    }

    /** Records that a command on this aggregate completed, leaving it at {@code version}. */
    public void record(Kind kind, String organizationId, String aggregateId, long version) {
        Instant now = clock.instant();
        writes.computeIfAbsent(new Scope(kind, organizationId), scope -> new ConcurrentHashMap<>())
                .merge(
                        aggregateId,
                        new Write(version, now),
                        (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
        if (now.isAfter(nextPrune)) {
            prune(now);
        }
    }

    /** The highest version written to the aggregate through this instance and not yet seen projected; 0 when none. */
    public long pending(Kind kind, String organizationId, String aggregateId) {
        Map<String, Write> scope = writes.get(new Scope(kind, organizationId));
        Write write = scope == null ? null : scope.get(aggregateId);
        return write == null ? 0 : write.version();
    }

    /** Every pending write of the organization of this kind: aggregate id to version (a copy). */
    public Map<String, Long> pending(Kind kind, String organizationId) {
        Map<String, Write> scope = writes.get(new Scope(kind, organizationId));
        Map<String, Long> copy = new java.util.HashMap<>();
        if (scope != null) {
            scope.forEach((id, write) -> copy.put(id, write.version()));
        }
        return copy;
    }

    /** Forgets the write if the projection has been seen at or past it (a newer write stays). */
    public void observed(Kind kind, String organizationId, String aggregateId, long projectedVersion) {
        Map<String, Write> scope = writes.get(new Scope(kind, organizationId));
        if (scope != null) {
            scope.computeIfPresent(aggregateId, (id, write) -> write.version() <= projectedVersion ? null : write);
        }
    }

    /** How many writes are pending, over every organization. */
    public int size() {
        return writes.values().stream().mapToInt(Map::size).sum();
    }

    private void prune(Instant now) {
        nextPrune = now.plus(PRUNE_EVERY);
        Instant cutoff = now.minus(RETENTION);
        writes.values().forEach(scope -> scope.values().removeIf(write -> write.completedAt().isBefore(cutoff)));
        writes.values().removeIf(Map::isEmpty);
    }
}
