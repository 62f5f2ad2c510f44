package dev.pidgr.command.kafka;

import dev.pidgr.events.v1.CampaignCommand;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the campaign decisions made, per command id: each one loads the campaign and its audience and runs the
 * decider.
 */
final class CountingPlanner {

    private final Map<String, Integer> plans = new HashMap<>();

    Plan.Planner<CampaignCommand> wrap(Plan.Planner<CampaignCommand> planner) {
        return new Plan.Planner<>() {
            @Override
            public Plan plan(CampaignCommand command) {
                plans.merge(command.getMetadata().getCommandId(), 1, Integer::sum);
                return planner.plan(command);
            }

            @Override
            public long visibleVersion(CampaignCommand command) {
                return planner.visibleVersion(command);
            }
        };
    }

    /** How often {@code commandId} was decided. */
    int of(String commandId) {
        return plans.getOrDefault(commandId, 0);
    }

    /** How many decisions were made in all. */
    int total() {
        return plans.values().stream().mapToInt(Integer::intValue).sum();
    }
}
