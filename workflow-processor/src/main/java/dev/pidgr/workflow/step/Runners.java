package dev.pidgr.workflow.step;

import dev.pidgr.contract.step.StepKind;
import dev.pidgr.workflow.run.StepRunner;
import java.util.EnumMap;
import java.util.Map;

/**
 * The runner of every step kind. The switch has no default: a {@link StepKind} without a runner does not compile.
 */
public final class Runners {

    private Runners() {
    }

    /** One runner per kind; {@code batches} bounds the sweeps that render messages. */
    public static Map<StepKind, StepRunner> all(Batches batches) {
        Map<StepKind, StepRunner> runners = new EnumMap<>(StepKind.class);
        for (StepKind kind : StepKind.values()) {
            runners.put(kind, of(kind, batches));
        }
        return runners;
    }

    private static StepRunner of(StepKind kind, Batches batches) {
        return switch (kind) {
            case SEND_NOTIFICATION -> new SendNotificationStep(batches);
            case DEADLINE_CHECK -> new DeadlineCheckStep();
            case SEND_REMINDER -> new SendReminderStep(batches);
            case MARK_MISSED -> new MarkMissedStep(batches.members());
            case CALL_WEBHOOK -> new CallWebhookStep();
        };
    }
}
