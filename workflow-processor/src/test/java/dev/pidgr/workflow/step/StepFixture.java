package dev.pidgr.workflow.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.kafka.KafkaFailures;
import dev.pidgr.workflow.nudge.Nudges;
import dev.pidgr.workflow.run.CampaignEvents;
import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Interactions;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.Walker;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.FanOut;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.TemplateVersion;
import dev.pidgr.workflow.timer.WorkBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * given(a run: its workflow, audience, deliveries) .when(started / entered / woken / acknowledged / cancelled at t)
 * .then(the decision's values: events, pushes, commands, the next wake-up). Decisions are applied to the
 * in-memory stores, so the next "when" goes on from there, as the processor would, without Kafka or a clock.
 */
public final class StepFixture {

    public static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000f1";
    public static final long T0 = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();

    final MemoryReader stores = new MemoryReader();
    private final AtomicLong clock = new AtomicLong();
    private long perReading;
    private final WorkBudget budget = new WorkBudget(() -> clock.addAndGet(perReading), Duration.ofMillis(200));
    private int batchMembers = 2;
    private int batchBytes = 1024 * 1024;
    private Run run;
    private Decision decision;
    private final List<DeliveryEvent> events = new ArrayList<>();
    private final List<PushRequest> pushes = new ArrayList<>();
    private final List<CampaignCommand> commands = new ArrayList<>();

    private StepFixture(List<WorkflowStep> steps) {
        RunSpec.Builder spec = RunSpec.newBuilder().setOrganizationId(Campaigns.ORG).setName("Policy update")
                .setSenderName("People Team").setTemplateId(Campaigns.TEMPLATE).setTemplateVersion(1)
                .setWorkflow(Campaigns.workflow(steps.toArray(WorkflowStep[]::new)));
        steps.stream().filter(s -> s.hasSendNotification()).forEach(s -> spec.addTemplatePins(StepTemplatePin
                .newBuilder().setStepId(s.getId()).setTemplateId(Campaigns.TEMPLATE).setTemplateVersion(1)));
        run = new Run(CAMPAIGN, spec.build(), Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_RUNNING)
                .setCampaignEventVersion(3).build());
        template("Read it, {{name}}.");
    }

    /** A running campaign with this workflow, nothing entered yet. */
    public static StepFixture given(WorkflowStep... steps) {
        return new StepFixture(List.of(steps));
    }

    /** The pinned template version's body (title "Hello {{name}}", Markdown). */
    public StepFixture template(String body) {
        stores.templates.put(Campaigns.TEMPLATE + "/1", TemplateVersion.newBuilder().setOrganizationId(Campaigns.ORG)
                .setTitle("Hello {{name}}").setBody(body).setType(TemplateType.TEMPLATE_TYPE_MARKDOWN)
                .addVariables(TemplateVariable.newBuilder().setName("name").setDefaultValue("there")).build());
        return this;
    }

    public StepFixture withoutTemplate() {
        stores.templates.clear();
        return this;
    }

    /** The audience, each with the variable name = "N" + user id. */
    public StepFixture audience(List<String> users) {
        users.forEach(u -> stores.members.put(u, AudienceMember.newBuilder().putVariables("name", "N" + u).build()));
        return cursor(c -> c.setAudienceSize(stores.members.size()));
    }

    /** The fan-out of {@code sendStepId} sent to the whole audience at {@code at}. */
    public StepFixture sentToAll(String sendStepId, long at) {
        String last = stores.members.lastKey();
        stores.sends.add(SendBatch.newBuilder().setLastUserId(last).setSentAt(at).build());
        int n = stores.members.size();
        return cursor(c -> c.setFanOut(FanOut.newBuilder().setStepId(sendStepId).setAfterUserId(last).setDone(true)
                .setBatches(1)).setCounts(Counts.newBuilder().setCreated(n).setSent(n)));
    }

    /** The fan-out of {@code sendStepId} reached {@code lastUserId} (in user id order) at {@code at}, not further. */
    public StepFixture sentUpTo(String sendStepId, String lastUserId, long at) {
        stores.sends.add(SendBatch.newBuilder().setLastUserId(lastUserId).setSentAt(at).build());
        int n = stores.members.headMap(lastUserId, true).size();
        return cursor(c -> c.setFanOut(FanOut.newBuilder().setStepId(sendStepId).setAfterUserId(lastUserId)
                .setBatches(1)).setCounts(Counts.newBuilder().setCreated(n).setSent(n)));
    }

    /** This recipient's delivery is {@code state} (before the walk got here), counted as such. */
    public StepFixture delivery(String user, DeliveryState state) {
        stores.deliveries.put(user, state);
        return cursor(c -> DeliveryTransitions.count(c.getCountsBuilder(), Deliveries.SENT, state));
    }

    /** Whether a page of the campaign waits for the dispatcher (the shell's hand-over line). */
    public StepFixture pageWaiting(boolean waiting) {
        stores.pageWaiting = waiting;
        return this;
    }

    /** These recipients acknowledged (before the walk got here). */
    public StepFixture acknowledged(String... users) {
        for (String user : users) {
            stores.deliveries.put(user, Deliveries.SENT.toBuilder()
                    .setStatus(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED).setAcknowledgedAt(T0).build());
            cursor(c -> c.getCountsBuilder().setSent(c.getCounts().getSent() - 1)
                    .setAcknowledged(c.getCounts().getAcknowledged() + 1));
        }
        return this;
    }

    /** Batches of at most {@code members} members and about {@code bytes} of messages. */
    public StepFixture batches(int members, int bytes) {
        batchMembers = members;
        batchBytes = bytes;
        return this;
    }

    /** The punctuation's clock moves {@code perReading} at every reading (its work budget is 200 ms). */
    public StepFixture clockMovesPerReading(Duration perReading) {
        this.perReading = perReading.toNanos();
        return this;
    }

    /** The walk starts (CampaignStarted): the entry step is entered. */
    public StepFixture whenStarted(long t) {
        return apply(walker().start(run, t, stores));
    }

    /** The walk moves to {@code stepId} at {@code t}, as a transition to it would. */
    public StepFixture whenEntered(String stepId, long t) {
        return apply(walker().enter(run, stepId, t, stores));
    }

    /** The punctuator at {@code t}: the run's wake-up fires if it is due; nothing happens otherwise. */
    public StepFixture whenWoken(long t) {
        long due = run.cursor().getWakeUpAt();
        if (due == 0 || due > t) {
            return apply(Decision.of(run));
        }
        budget.start();
        if (budget.spent()) {
            return apply(Decision.of(run));
        }
        return apply(walker().wake(run.with(run.cursor().toBuilder().setWakeUpAt(0).build()), t, stores));
    }

    /** Punctuations at {@code t} until no wake-up is due any more (a sweep's batches, one per punctuation). */
    public StepFixture settledAt(long t) {
        for (int i = 0; i < 10_000 && run.cursor().getWakeUpAt() != 0 && run.cursor().getWakeUpAt() <= t; i++) {
            whenWoken(t);
        }
        return this;
    }

    /** The recipient acknowledges at {@code t}. */
    public StepFixture whenAcknowledged(String user, long t) {
        DeliveryInteraction ack = DeliveryInteraction.newBuilder().setInteractionId("ack-" + user + "-" + t)
                .setCampaignId(CAMPAIGN).setOrganizationId(Campaigns.ORG).setUserId(user)
                .setDeliveryId(Ids.deliveryId(CAMPAIGN, user))
                .setOccurredAt(com.google.protobuf.util.Timestamps.fromMillis(t))
                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")).build();
        return apply(new Interactions(walker()).decide(Optional.of(run), ack, t, stores).orElse(Decision.of(run)));
    }

    /** CampaignCancelled at {@code t}. */
    public StepFixture whenCancelled(long t) {
        long version = run.cursor().getCampaignEventVersion() + 1;
        return campaignEvent(Campaigns.cancelled(CAMPAIGN, version, t), t);
    }

    /** CampaignNudged at {@code t}, at the next campaign event version (the nudge's id). */
    public StepFixture whenNudged(CampaignNudged.Builder nudge, long t) {
        long version = run.cursor().getCampaignEventVersion() + 1;
        return campaignEvent(Campaigns.event(CAMPAIGN, version).setNudged(nudge).build(), t);
    }

    /** The punctuator at {@code t}: the nudge's wake-up fires if it is due. */
    public StepFixture whenNudgeWoken(long t) {
        long due = run.cursor().getNudge().getWakeUpAt();
        if (due == 0 || due > t) {
            return apply(Decision.of(run));
        }
        Cursor.Builder awake = run.cursor().toBuilder();
        awake.getNudgeBuilder().setWakeUpAt(0);
        return apply(nudges().wake(run.with(awake.build()), t, stores));
    }

    /** Punctuations at {@code t} until the nudge's wake-up is not due any more. */
    public StepFixture nudgeSettledAt(long t) {
        for (int i = 0; i < 10_000 && run.cursor().getNudge().getWakeUpAt() != 0
                && run.cursor().getNudge().getWakeUpAt() <= t; i++) {
            whenNudgeWoken(t);
        }
        return this;
    }

    /** The nudge's next wake-up (0: none). */
    public StepFixture thenNudgeWakesAt(long at) {
        assertThat(run.cursor().getNudge().getWakeUpAt()).isEqualTo(at);
        return this;
    }

    /** The recipient's client receives the message at {@code t}. */
    public StepFixture whenReceived(String user, long t) {
        return interaction(user, t, DeliveryInteraction.newBuilder()
                .setReceived(dev.pidgr.events.v1.Received.getDefaultInstance()));
    }

    /** The recipient reads the message at {@code t}. */
    public StepFixture whenRead(String user, long t) {
        return interaction(user, t, DeliveryInteraction.newBuilder()
                .setRead(dev.pidgr.events.v1.Read.getDefaultInstance()));
    }

    private StepFixture interaction(String user, long t, DeliveryInteraction.Builder kind) {
        DeliveryInteraction interaction = kind.setInteractionId(kind.getKindCase() + "-" + user + "-" + t)
                .setCampaignId(CAMPAIGN).setOrganizationId(Campaigns.ORG).setUserId(user)
                .setDeliveryId(Ids.deliveryId(CAMPAIGN, user))
                .setOccurredAt(com.google.protobuf.util.Timestamps.fromMillis(t)).build();
        return apply(new Interactions(walker()).decide(Optional.of(run), interaction, t, stores)
                .orElse(Decision.of(run)));
    }

    private StepFixture campaignEvent(CampaignEvent event, long t) {
        return apply(new CampaignEvents(walker(), nudges()).decide(Optional.of(run), event, t, stores).orElseThrow());
    }

    /** The dispatcher's final result for the current webhook step's page {@code page} (its own key), at {@code t}. */
    public StepFixture whenWebhookResult(int page, WebhookOutcome outcome, long t) {
        String stepId = run.cursor().getStep().getStepId();
        return whenWebhookResult(
                WebhookResult.newBuilder()
                        .setCampaignId(CAMPAIGN)
                        .setStepId(stepId)
                        .setPage(page)
                        .setOutcome(outcome)
                        .setAttempts(1)
                        .setLastStatusCode(outcome == WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED ? 200 : 500)
                        .setFinishedAt(com.google.protobuf.util.Timestamps.fromMillis(t))
                        .setIdempotencyKey(Ids.webhookIdempotencyKey(CAMPAIGN, stepId, page))
                        .build(),
                t);
    }

    /** A webhook result as it comes back; a result that changes nothing decides nothing. */
    public StepFixture whenWebhookResult(WebhookResult result, long t) {
        return apply(walker().webhookResult(run, result, t, stores).orElse(Decision.of(run)));
    }

    /** The last decision's delivery events, by payload, in order. */
    public StepFixture thenEmitted(DeliveryEvent.PayloadCase... payloads) {
        assertThat(decision.effects().stream().filter(Effect.Emit.class::isInstance)
                .map(e -> ((Effect.Emit) e).event().getPayloadCase())).containsExactly(payloads);
        return this;
    }

    /** The run's next wake-up (0: none). */
    public StepFixture thenWakesAt(long at) {
        assertThat(run.cursor().getWakeUpAt()).isEqualTo(at);
        return this;
    }

    /** The last decision's effects of one kind, in order. */
    public <E extends Effect> List<E> effects(Class<E> kind) {
        return decision.effects().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public Decision decision() {
        return decision;
    }

    public Run run() {
        return run;
    }

    /** Every delivery event so far. */
    public List<DeliveryEvent> events() {
        return List.copyOf(events);
    }

    public List<DeliveryEvent> events(DeliveryEvent.PayloadCase payload) {
        return events.stream().filter(e -> e.getPayloadCase() == payload).toList();
    }

    public List<PushRequest> pushes() {
        return List.copyOf(pushes);
    }

    public List<CampaignCommand> commands() {
        return List.copyOf(commands);
    }

    /** A delivery's state as the stores hold it now. */
    public DeliveryState deliveryOf(String user) {
        return stores.delivery(CAMPAIGN, user);
    }

    private Nudges nudges() {
        return new Nudges(new Batches(batchMembers, batchBytes, budget::spent), KafkaFailures::fromKafka);
    }

    private Walker walker() {
        Batches batches = new Batches(batchMembers, batchBytes, budget::spent);
        return new Walker(Runners.all(batches), KafkaFailures::fromKafka);
    }

    private StepFixture cursor(java.util.function.Consumer<Cursor.Builder> change) {
        Cursor.Builder cursor = run.cursor().toBuilder();
        change.accept(cursor);
        run = run.with(cursor.build());
        return this;
    }

    private StepFixture apply(Decision next) {
        decision = next;
        for (Effect effect : next.effects()) {
            switch (effect) {
                case Effect.Emit emit -> {
                    long last = events.isEmpty() ? 0 : events.getLast().getVersion();
                    assertThat(emit.event().getVersion()).as("versions are gap-free").isEqualTo(last + 1);
                    events.add(emit.event());
                }
                case Effect.Push push -> pushes.add(push.push());
                case Effect.Command command -> commands.add(command.command());
                default -> stores.apply(effect);
            }
        }
        run = next.run();
        return this;
    }
}
