package dev.pidgr.api.consistency;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A read waiting for {@code x-pidgr-min-version}: true once the organization-scoped read shows at
 * least the version. Once that read has shown the aggregate (so it is the caller's organization's),
 * the aggregate's projected version (one indexed row) is checked instead, and the full read is
 * repeated only once it is reached. While the aggregate is not visible, only the organization-scoped
 * read is used, so how long a call waits reveals nothing about another organization's aggregates.
 */
final class MinimumVersionRead<T> implements BooleanSupplier {

    private final Supplier<Optional<T>> read;
    private final ToLongFunction<T> version;
    private final LongSupplier projected;
    private final long minimum;
    private Optional<T> last;

    MinimumVersionRead(Supplier<Optional<T>> read, ToLongFunction<T> version, LongSupplier projected, long minimum) {
        this.read = read;
        this.version = version;
        this.projected = projected;
        this.minimum = minimum;
        this.last = read.get();
    }

    @Override
    public boolean getAsBoolean() {
        if (last.isPresent() && projected.getAsLong() < minimum) {
            return false;
        }
        last = read.get();
        return reached();
    }

    /** Whether the last read shows at least the minimum version. */
    boolean reached() {
        return last.isPresent() && version.applyAsLong(last.get()) >= minimum;
    }

    /** What the last read returned. */
    Optional<T> last() {
        return last;
    }
}
