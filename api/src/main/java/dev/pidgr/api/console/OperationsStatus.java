package dev.pidgr.api.console;

import java.util.List;

/**
 * What the console's operations page shows, as this process knows it: whether every role of the
 * process is ready, how far each projection and processor is behind (only for the roles this
 * process runs), and a replay under way (from PostgreSQL, so one run by {@code pidgr replay} in
 * another process shows too).
 *
 * @param ready       every role of this process is ready
 * @param roles       the roles this process runs
 * @param projections lag of each projection this process projects (empty without the query role)
 * @param processors  lag of each stream processor this process runs (empty without them)
 * @param replay      the replay under way, or null
 */
public record OperationsStatus(
        boolean ready, List<String> roles, List<Lag> projections, List<Lag> processors, Replay replay) {

    /** One projection's or processor's lag. {@code secondsBehind} is negative when unknown. */
    public record Lag(String name, long recordsBehind, double secondsBehind) {
    }

    /**
     * @param into        the data schema being rebuilt
     * @param handingOver whether it caught up and waits for the live projector to hand over
     */
    public record Replay(String into, boolean handingOver) {
    }
}
