package dev.pidgr.bench.report;

import java.util.Locale;

/**
 * A target on a ratio, or on a figure that has no baseline: at least or at most a bound.
 *
 * @param atLeast true for "ratio >= bound", false for "ratio <= bound"
 */
public record Target(boolean atLeast, double bound) {

    public static Target atLeast(double bound) {
        return new Target(true, bound);
    }

    public static Target atMost(double bound) {
        return new Target(false, bound);
    }

    public boolean metBy(double ratio) {
        return atLeast ? ratio >= bound : ratio <= bound;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.2f", atLeast ? ">=" : "<=", bound);
    }
}
