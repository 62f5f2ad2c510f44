package dev.pidgr.contract.step;

import static dev.pidgr.contract.step.Outcome.ALL_ACKNOWLEDGED;
import static dev.pidgr.contract.step.Outcome.COMPLETED;
import static dev.pidgr.contract.step.Outcome.FAILED;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep.ConfigCase;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The step types of the workflow contract, one descriptor each: its {@link StepType}, the config it takes, the
 * outcomes it yields and the rules of its config. The command side validates workflows with it; the workflow
 * processor walks them with it and picks each type's runner by an exhaustive switch over this enum, so a type
 * without a runner does not compile. Every {@link StepType} must have a descriptor: checked when this class loads.
 * docs/workflow.md, "Adding a step", lists what a new type touches.
 */
public enum StepKind {

    /** One delivery per audience member. */
    SEND_NOTIFICATION(StepType.STEP_TYPE_SEND_NOTIFICATION, ConfigCase.SEND_NOTIFICATION, EnumSet.of(COMPLETED),
            SendNotificationRules::check),
    /** Sleeps for a delay; ends early when everyone acknowledged. */
    DEADLINE_CHECK(StepType.STEP_TYPE_DEADLINE_CHECK, ConfigCase.DEADLINE_CHECK,
            EnumSet.of(COMPLETED, ALL_ACKNOWLEDGED), TimingRules::deadline),
    /** Reminds who has not acknowledged, once or repeatedly. */
    SEND_REMINDER(StepType.STEP_TYPE_SEND_REMINDER, ConfigCase.SEND_REMINDER, EnumSet.of(COMPLETED),
            TimingRules::reminder),
    /** Deliveries still SENT or DELIVERED become MISSED. */
    MARK_MISSED(StepType.STEP_TYPE_MARK_MISSED, ConfigCase.CONFIG_NOT_SET, EnumSet.of(COMPLETED), ConfigRule.NONE),
    /** POSTs the campaign's deliveries, a page at a time. */
    CALL_WEBHOOK(StepType.STEP_TYPE_CALL_WEBHOOK, ConfigCase.CALL_WEBHOOK, EnumSet.of(COMPLETED, FAILED),
            WebhookRules::check);

    static {
        for (StepType type : StepType.values()) {
            boolean isStep = type != StepType.STEP_TYPE_UNSPECIFIED && type != StepType.UNRECOGNIZED;
            if (isStep && of(type).isEmpty()) {
                throw new IllegalStateException("step type " + type + " has no StepKind: describe it there");
            }
        }
    }

    private final StepType type;
    private final ConfigCase config;
    private final Set<Outcome> outcomes;
    private final ConfigRule rule;

    StepKind(StepType type, ConfigCase config, Set<Outcome> outcomes, ConfigRule rule) {
        this.type = type;
        this.config = config;
        this.outcomes = Set.copyOf(outcomes);
        this.rule = rule;
    }

    /** The descriptor of {@code type}; empty for UNSPECIFIED and values this release does not know. */
    public static Optional<StepKind> of(StepType type) {
        for (StepKind kind : values()) {
            if (kind.type == type) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public StepType type() {
        return type;
    }

    /** The config case a step of this type carries; CONFIG_NOT_SET when it takes none. */
    public ConfigCase config() {
        return config;
    }

    /** What a step of this type can yield; its transitions may name these only. */
    public Set<Outcome> outcomes() {
        return outcomes;
    }

    /** The rules of its config. */
    public ConfigRule rule() {
        return rule;
    }

    /** Whether a step of this type can yield {@code label}. */
    public boolean yields(String label) {
        return Outcome.ofLabel(label).filter(outcomes::contains).isPresent();
    }

    /** The labels it yields, sorted, for messages. */
    public String outcomeLabels() {
        return String.join(", ", outcomes.stream().map(Outcome::label).sorted().toList());
    }
}
