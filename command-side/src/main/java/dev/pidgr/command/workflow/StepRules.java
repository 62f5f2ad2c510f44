package dev.pidgr.command.workflow;

import static dev.pidgr.contract.step.StepText.step;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.step.Deployment;
import dev.pidgr.contract.step.StepKind;
import dev.pidgr.contract.step.StepText;
import dev.pidgr.contract.step.Transitions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one step taken alone: its id, its type, its config and its outcome labels. What each type takes
 * and yields is its {@link StepKind}'s, shared with the workflow processor.
 */
final class StepRules {

    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TRANSITIONS = 10;

    private final Deployment deployment;

    StepRules(Deployment deployment) {
        this.deployment = deployment;
    }

    void check(WorkflowStep s, String path, List<Violation> out) {
        checkId(s, path, out);
        Optional<StepKind> kind = StepKind.of(s.getType());
        if (kind.isEmpty()) {
            out.add(new Violation(path + ".type", step(s) + "a step type is required"));
        } else {
            checkConfig(s, kind.get(), path, out);
            checkOutcomes(s, kind.get(), path, out);
        }
        if (s.getTransitionsCount() > MAX_TRANSITIONS) {
            out.add(new Violation(path + ".transitions", step(s) + "has " + s.getTransitionsCount()
                    + " transitions; at most " + MAX_TRANSITIONS + " are allowed"));
        }
    }

    private static void checkId(WorkflowStep s, String path, List<Violation> out) {
        if (s.getId().isEmpty()) {
            out.add(new Violation(path + ".id", "every step needs an id"));
        } else if (Text.length(s.getId()) > MAX_ID_LENGTH) {
            out.add(new Violation(path + ".id", "step id " + Text.quote(s.getId()) + " is longer than "
                    + MAX_ID_LENGTH + " characters"));
        } else if (s.getId().equals(Transitions.END)) {
            out.add(new Violation(path + ".id", "step id \"" + Transitions.END
                    + "\" is reserved: it is the transition target that ends the workflow"));
        }
    }

    /** The config must be the type's (or absent); then the type's own rules. */
    private void checkConfig(WorkflowStep s, StepKind kind, String path, List<Violation> out) {
        WorkflowStep.ConfigCase actual = s.getConfigCase();
        if (actual != WorkflowStep.ConfigCase.CONFIG_NOT_SET && actual != kind.config()) {
            String config = actual.name().toLowerCase();
            String typeName = StepText.typeName(s.getType());
            boolean takesNone = kind.config() == WorkflowStep.ConfigCase.CONFIG_NOT_SET;
            out.add(new Violation(path + "." + config, step(s) + (takesNone ? "a " + typeName + " step takes no config"
                    : "a " + typeName + " step cannot have a " + config + " config")));
            return;
        }
        if (kind.config() != WorkflowStep.ConfigCase.CONFIG_NOT_SET) {
            String configPath = path + "." + kind.config().name().toLowerCase();
            kind.rule().check(s, configPath, deployment, (field, text) -> out.add(new Violation(field, text)));
        }
    }

    private static void checkOutcomes(WorkflowStep s, StepKind kind, String path, List<Violation> out) {
        for (Map.Entry<String, String> t : s.getTransitionsMap().entrySet()) {
            if (!kind.yields(t.getKey())) {
                out.add(new Violation(path + ".transitions[" + t.getKey() + "]", step(s) + "outcome "
                        + Text.quote(t.getKey()) + " is never yielded by a " + StepText.typeName(s.getType())
                        + " step (it yields: " + kind.outcomeLabels() + ")"));
            }
        }
    }
}
