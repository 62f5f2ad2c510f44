package dev.pidgr.command.kafka;

import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.CommandResult;
import java.util.List;

/**
 * Everything deciding one command produced, computed before anything is written: the events (serialized and
 * size-checked), how to save the new state, the result, and the template lookups the decision made (campaign
 * commands; a command waiting for a template is decided again only when one of them would find something
 * else). Applying it cannot fail for a reason of the command's making, so a failure there is the
 * infrastructure's and fails the task (the transaction aborts).
 */
record Plan(CommandResult result, List<Outputs.OutRecord> events, Runnable save, boolean awaitingTemplate,
            List<CatalogLookup> lookups) {

    /** Public topics take records up to 1 MiB; this leaves room for the key, headers and batch overhead. */
    static final int MAX_EVENT_BYTES = 1024 * 1024 - 8 * 1024;

    Plan {
        events = List.copyOf(events);
        lookups = List.copyOf(lookups);
    }

    Plan(CommandResult result, List<Outputs.OutRecord> events, Runnable save) {
        this(result, events, save, false, List.of());
    }

    static Plan rejected(CommandResult result, Rejection rejection) {
        return new Plan(result, List.of(), () -> { }, rejection.awaitingTemplate(), List.of());
    }

    /** A result decided earlier (a waiting command's refusal), to apply as it is. */
    static Plan decided(CommandResult result) {
        return new Plan(result, List.of(), () -> { });
    }

    Plan withLookups(List<CatalogLookup> made) {
        return new Plan(result, events, save, awaitingTemplate, made);
    }

    /** Plans one aggregate's commands. */
    interface Planner<C> {
        Plan plan(C command);

        /** The aggregate's version as the command's organization may see it (0 when unknown or not theirs). */
        long visibleVersion(C command);
    }
}
