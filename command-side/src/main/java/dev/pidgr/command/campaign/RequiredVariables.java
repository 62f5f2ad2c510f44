package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every required template variable without a default needs a value for every member: from the
 * member's variables or the step's custom_variables. One pass over the audience; the first
 * {@link #NAMED_USERS} offending users of each missing variable are named.
 */
final class RequiredVariables {

    static final int NAMED_USERS = 5;

    /** A SEND_NOTIFICATION step's pinned template and the variables its config supplies. */
    record StepPin(StepTemplatePin pin, TemplateVersion template, Set<String> customVariables) {
    }

    /** One variable of one step that some members lack. */
    private static final class Gap {
        final StepPin step;
        final String variable;
        final List<Violation> named = new ArrayList<>();
        final List<String> users = new ArrayList<>();
        int count;

        Gap(StepPin step, String variable) {
            this.step = step;
            this.variable = variable;
        }
    }

    private RequiredVariables() {
    }

    /** Null when every member has every value it needs; else a FAILED_PRECONDITION naming the first offenders. */
    static Rejection check(List<StepPin> pins, AudienceSource audience) {
        Map<String, Gap> gaps = new LinkedHashMap<>();
        List<Gap> needed = new ArrayList<>();
        for (StepPin p : pins) {
            for (String variable : p.template().requiredWithoutDefault()) {
                if (!p.customVariables().contains(variable)) {
                    needed.add(gaps.computeIfAbsent(p.pin().getStepId() + "\n" + variable, k -> new Gap(p, variable)));
                }
            }
        }
        if (needed.isEmpty()) {
            return null;
        }
        int index = 0;
        for (AudienceMember m : audience.members()) {
            for (Gap g : needed) {
                if (!m.containsVariables(g.variable)) {
                    note(g, m, index);
                }
            }
            index++;
        }
        List<Gap> found = needed.stream().filter(g -> g.count > 0).toList();
        return found.isEmpty() ? null : rejection(found);
    }

    private static void note(Gap g, AudienceMember m, int index) {
        if (g.count++ < NAMED_USERS) {
            g.users.add(m.getUserId());
            g.named.add(new Violation(
                    "audience[" + index + "].variables[" + g.variable + "]",
                    "member \"" + m.getUserId() + "\" has no value for required variable \"" + g.variable
                            + "\" (step \"" + g.step.pin().getStepId() + "\")"));
        }
    }

    private static Rejection rejection(List<Gap> found) {
        Gap first = found.get(0);
        StepTemplatePin pin = first.step.pin();
        String message = "required variable \"" + first.variable + "\" of template " + pin.getTemplateId() + " version "
                + pin.getTemplateVersion() + " (step \"" + pin.getStepId() + "\") has no default and no value for "
                + first.count + (first.count == 1 ? " member: " : " members, first: ") + String.join(", ", first.users)
                + (found.size() > 1 ? " (and " + (found.size() - 1) + " more missing variables)" : "");
        List<Violation> violations = new ArrayList<>();
        found.forEach(g -> violations.addAll(g.named));
        return new Rejection(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION, message, violations, 0, false);
    }
}
