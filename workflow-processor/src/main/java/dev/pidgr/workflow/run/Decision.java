package dev.pidgr.workflow.run;

import java.util.ArrayList;
import java.util.List;

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

    /** This decision followed by {@code next}, which was decided from this one's run. */
    public Decision then(Decision next) {
        if (effects.isEmpty()) {
            return next;
        }
        List<Effect> all = new ArrayList<>(effects.size() + next.effects.size());
        all.addAll(effects);
        all.addAll(next.effects);
        return new Decision(next.run, all);
    }
}
