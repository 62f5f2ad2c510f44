package dev.pidgr.contract.step;

import static dev.pidgr.contract.step.StepText.step;

import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Durations;
import dev.pidgr.contract.Text;
import java.time.Duration;
import java.util.Optional;

/**
 * DEADLINE_CHECK delays (Go-style, 1m..8760h) and SEND_REMINDER repeat/due_time (ISO-8601, PT1M..PT168H): the
 * rules a workflow is validated with, and the readings the workflow processor walks it with.
 */
public final class TimingRules {

    /** A SEND_REMINDER step's repetition: a round every {@code repeat}, until {@code dueTime} after entry. */
    public record Repetition(Duration repeat, Duration dueTime) {
    }

    private TimingRules() {
    }

    /** A DEADLINE_CHECK's delay; empty when missing, malformed or out of range. */
    public static Optional<Duration> delay(WorkflowStep step) {
        return Durations.parseGo(step.getDeadlineCheck().getDelay())
                .filter(d -> Durations.within(d, Durations.DEADLINE_MIN, Durations.DEADLINE_MAX));
    }

    /** A SEND_REMINDER's repetition; empty when it reminds once or when repeat or due_time is not valid. */
    public static Optional<Repetition> repetition(WorkflowStep step) {
        Optional<Duration> repeat = reminderDuration(step.getSendReminder().getRepeat());
        Optional<Duration> due = reminderDuration(step.getSendReminder().getDueTime());
        return repeat.isPresent() && due.isPresent() ? Optional.of(new Repetition(repeat.get(), due.get()))
                : Optional.empty();
    }

    /** Whether a SEND_REMINDER repeats (its repeat or due_time is set). */
    public static boolean repeats(WorkflowStep step) {
        return !step.getSendReminder().getRepeat().isEmpty() || !step.getSendReminder().getDueTime().isEmpty();
    }

    static void deadline(WorkflowStep s, String path, Deployment deployment, Problems out) {
        String delay = s.getDeadlineCheck().getDelay();
        String field = path + ".delay";
        if (delay.isEmpty()) {
            out.add(field, step(s) + "a DEADLINE_CHECK step needs a delay such as \"72h\" or \"90m\"");
            return;
        }
        Optional<Duration> parsed = Durations.parseGo(delay);
        if (parsed.isEmpty()) {
            out.add(field, step(s) + "delay " + Text.quote(delay) + " is not a duration such as \"72h\" or \"90m\"");
        } else if (!Durations.within(parsed.get(), Durations.DEADLINE_MIN, Durations.DEADLINE_MAX)) {
            out.add(field, step(s) + "delay " + Text.quote(delay) + " must be between 1m and 8760h");
        }
    }

    static void reminder(WorkflowStep s, String path, Deployment deployment, Problems out) {
        SendReminderConfig c = s.getSendReminder();
        SendNotificationRules.channel(s, path, c.getType(), out);
        if (c.getRepeat().isEmpty() != c.getDueTime().isEmpty()) {
            out.add(path + (c.getRepeat().isEmpty() ? ".repeat" : ".due_time"),
                    step(s) + "repeat and due_time must be set together");
            return;
        }
        if (c.getRepeat().isEmpty()) {
            return;
        }
        Optional<Duration> repeat = iso(s, path + ".repeat", "repeat", c.getRepeat(), out);
        Optional<Duration> due = iso(s, path + ".due_time", "due_time", c.getDueTime(), out);
        if (repeat.isPresent() && due.isPresent() && repeat.get().compareTo(due.get()) > 0) {
            out.add(path + ".repeat", step(s) + "repeat " + c.getRepeat()
                    + " is longer than due_time " + c.getDueTime() + ", so no reminder would repeat");
        }
    }

    private static Optional<Duration> reminderDuration(String text) {
        return Durations.parseIso(text)
                .filter(d -> Durations.within(d, Durations.REMINDER_MIN, Durations.REMINDER_MAX));
    }

    private static Optional<Duration> iso(WorkflowStep s, String field, String name, String text, Problems out) {
        Optional<Duration> parsed = Durations.parseIso(text);
        if (parsed.isEmpty()) {
            out.add(field, step(s) + name + " " + Text.quote(text) + " is not an ISO-8601 duration such as \"PT4H\"");
            return Optional.empty();
        }
        if (!Durations.within(parsed.get(), Durations.REMINDER_MIN, Durations.REMINDER_MAX)) {
            out.add(field, step(s) + name + " " + Text.quote(text) + " must be between PT1M and PT168H");
            return Optional.empty();
        }
        return parsed;
    }
}
