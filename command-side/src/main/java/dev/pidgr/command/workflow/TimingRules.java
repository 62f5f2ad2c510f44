package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.StepMessages.step;

import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** DEADLINE_CHECK delays (Go-style, 1m..8760h) and SEND_REMINDER repeat/due_time (ISO-8601, PT1M..PT168H). */
final class TimingRules {

    private TimingRules() {
    }

    static void deadline(WorkflowStep s, String path, List<Violation> out) {
        String delay = s.getDeadlineCheck().getDelay();
        String field = path + ".delay";
        if (delay.isEmpty()) {
            out.add(new Violation(field, step(s) + "a DEADLINE_CHECK step needs a delay such as \"72h\" or \"90m\""));
            return;
        }
        Optional<Duration> parsed = Durations.parseGo(delay);
        if (parsed.isEmpty()) {
            out.add(new Violation(field, step(s) + "delay " + Text.quote(delay) + " is not a duration such as \"72h\" or \"90m\""));
        } else if (!Durations.within(parsed.get(), Durations.DEADLINE_MIN, Durations.DEADLINE_MAX)) {
            out.add(new Violation(field, step(s) + "delay " + Text.quote(delay) + " must be between 1m and 8760h"));
        }
    }

    static void reminder(WorkflowStep s, String path, List<Violation> out) {
        SendReminderConfig c = s.getSendReminder();
        ConfigRules.channel(s, path, c.getType(), out);
        if (c.getRepeat().isEmpty() != c.getDueTime().isEmpty()) {
            out.add(new Violation(path + (c.getRepeat().isEmpty() ? ".repeat" : ".due_time"),
                    step(s) + "repeat and due_time must be set together"));
            return;
        }
        if (c.getRepeat().isEmpty()) {
            return;
        }
        Optional<Duration> repeat = iso(s, path + ".repeat", "repeat", c.getRepeat(), out);
        Optional<Duration> due = iso(s, path + ".due_time", "due_time", c.getDueTime(), out);
        if (repeat.isPresent() && due.isPresent() && repeat.get().compareTo(due.get()) > 0) {
            out.add(new Violation(path + ".repeat", step(s) + "repeat " + c.getRepeat()
                    + " is longer than due_time " + c.getDueTime() + ", so no reminder would repeat"));
        }
    }

    private static Optional<Duration> iso(WorkflowStep s, String field, String name, String text, List<Violation> out) {
        Optional<Duration> parsed = Durations.parseIso(text);
        if (parsed.isEmpty()) {
            out.add(new Violation(field, step(s) + name + " " + Text.quote(text) + " is not an ISO-8601 duration such as \"PT4H\""));
            return Optional.empty();
        }
        if (!Durations.within(parsed.get(), Durations.REMINDER_MIN, Durations.REMINDER_MAX)) {
            out.add(new Violation(field, step(s) + name + " " + Text.quote(text) + " must be between PT1M and PT168H"));
            return Optional.empty();
        }
        return parsed;
    }
}
