package dev.pidgr.workflow.run;

import java.util.List;
import java.util.stream.Stream;

/**
 * What handling one input or wake-up decided: the run after it (its cursor, with the next wake-up) and its effects
 * in order. Pure values; the shell's applier writes them in the task's transaction.
 */
public record Decision(Run run, List<Effect> effects) {

    public Decision {
        effects = List.copyOf(effects);
    }

    /** Nothing but the run (which may have changed). */
    public static Decision of(Run run) {
        return new Decision(run, List.of());
    }

    /**
     * This decision followed by {@code next}, which was decided from this one's run. A fan-out batch's effects (two
     * per member) are not copied when either side has none, which is how a batch is followed by its wake-up.
     */
    public Decision then(Decision next) {
        if (effects.isEmpty()) {
            return next;
        }
        if (next.effects.isEmpty()) {
            return new Decision(next.run, effects);
        }
        return new Decision(next.run, Stream.concat(effects.stream(), next.effects.stream()).toList());
    }
}
