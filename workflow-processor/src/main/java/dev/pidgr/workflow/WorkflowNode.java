package dev.pidgr.workflow;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topics;
import dev.pidgr.contract.poll.PacedPunctuation;
import dev.pidgr.contract.poll.PollActivity;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.workflow.kafka.Applier;
import dev.pidgr.workflow.kafka.KafkaFailures;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.RunTraces;
import dev.pidgr.workflow.kafka.Runs;
import dev.pidgr.workflow.kafka.StoreReader;
import dev.pidgr.workflow.kafka.WorkflowStores;
import dev.pidgr.workflow.nudge.Nudges;
import dev.pidgr.workflow.run.CampaignEvents;
import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Interactions;
import dev.pidgr.workflow.run.Receipts;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.run.ScheduledStart;
import dev.pidgr.workflow.run.Walker;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.step.Batches;
import dev.pidgr.workflow.step.Runners;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.timer.WakeUps;
import dev.pidgr.workflow.timer.WorkBudget;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import dev.pidgr.workflow.webhook.WebhookDispatches;
import dev.pidgr.workflow.webhook.WebhookResultHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow processor of one stream task, a thin shell around the pure walk: reads campaign events, receipts,
 * interactions and webhook results (as bytes, parsed here so that an unreadable record is parked on its
 * dead-letter topic and processing goes on) and fires due wake-ups from a wall-clock punctuator; for each it loads
 * the run, lets the deciders ({@link CampaignEvents}, {@link Interactions}, {@link Walker}) decide, and has the
 * {@link Applier} write the decision.
 */
final class WorkflowNode implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowNode.class);
    static final Duration PUNCTUATION_BUDGET = Duration.ofMillis(200);
    /**
     * How often the punctuation runs while no wake-up is due within it and no webhook page waits: each
     * punctuation costs a transaction, so an idle processor commits once a second instead of every commit interval.
     */
    static final Duration QUIET_INTERVAL = Duration.ofSeconds(1);

    private final Topics topics;
    private final WorkflowSettings settings;
    private final WebhookDispatcher dispatcher;
    private final WorkBudget budget;
    private ProcessorContext<String, Object> context;
    private Outbox outbox;
    private Runs runs;
    private WakeUps wakeUps;
    private RunReader reads;
    private Applier applier;
    private Walker walker;
    private Nudges nudges;
    private WebhookDispatches dispatches;
    private CampaignEvents campaignEvents;
    private Interactions interactions;
    private WebhookResultHandler webhookResults;
    private final RunTraces traces = new RunTraces();
    private PacedPunctuation punctuation;

    /** @param nanoTime the monotonic clock the punctuation's work is measured with */
    WorkflowNode(Topics topics, WorkflowSettings settings, WebhookDispatcher dispatcher, LongSupplier nanoTime) {
        this.topics = topics;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.budget = new WorkBudget(nanoTime, PUNCTUATION_BUDGET);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        WorkflowStores stores = new WorkflowStores(context);
        outbox = new Outbox(context);
        runs = new Runs(stores.specs, stores.cursors);
        wakeUps = new WakeUps(stores.wakeUps);
        // Waiting pages are keys; they are read back through the result handler, built below.
        dispatches = new WebhookDispatches(dispatcher, pageKey -> webhookResults.pendingCall(pageKey));
        reads = new StoreReader(stores, new StepMessages(stores.templates), dispatches);
        applier = new Applier(stores, runs, outbox, wakeUps, dispatches);
        Batches batches = new Batches(settings.batchMembers(), settings.batchBytes(), budget::spent);
        walker = new Walker(Runners.all(batches), KafkaFailures::fromKafka);
        nudges = new Nudges(batches, KafkaFailures::fromKafka);
        campaignEvents = new CampaignEvents(walker, nudges);
        interactions = new Interactions(walker);
        webhookResults = new WebhookResultHandler(runs, walker, reads, applier, stores.webhookPages, dispatches);
        punctuation =
                PacedPunctuation.schedule(context, settings.punctuationInterval(), QUIET_INTERVAL, this::punctuate);
        webhookResults.redispatchPending();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        punctuation.hurry(); // the record may start a fan-out or set a timer
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        long now = context.currentSystemTimeMs();
        try {
            if (topic.equals(topics.campaignEvents().name())) {
                campaignEvent(record, topics.campaignEvents().valueSerde().parse(bytes(record)), now);
            } else if (topic.equals(topics.deliveryInteractions().name())) {
                interaction(record, topics.deliveryInteractions().valueSerde().parse(bytes(record)), now);
            } else if (topic.equals(topics.webhookResults().name())) {
                webhookResults.handle(topics.webhookResults().valueSerde().parse(bytes(record)), now);
            } else if (topic.equals(topics.deliveryReceipts().name())) {
                receipt(topics.deliveryReceipts().valueSerde().parse(bytes(record)), now);
            } else {
                throw new IllegalStateException("a record from an unexpected topic " + topic);
            }
        } catch (SerializationException e) {
            LOG.error("Unreadable record on {} (key {}) parked on its dead-letter topic: {}", topic, record.key(),
                    e.getMessage());
            outbox.deadLetter(sourceOf(topic), record, topic, "unreadable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (dispatches != null) {
            dispatches.close();
        }
    }

    private void campaignEvent(Record<String, byte[]> record, CampaignEvent event, long now) {
        if (event.getPayloadCase() == CampaignEvent.PayloadCase.PAYLOAD_NOT_SET) {
            park(record, WorkflowTopology.CAMPAIGN_EVENTS, topics.campaignEvents().name());
            return;
        }
        Span span = traces.event(EventHeaders.eventType(event), event.getCampaignId(), record.headers());
        try (Scope ignored = span.makeCurrent()) {
            Optional<Run> run = runs.load(event.getCampaignId());
            campaignEvents.decide(run, event, now, reads).ifPresent(decision -> apply(run, decision, now));
        } finally {
            span.end();
        }
    }

    private void interaction(Record<String, byte[]> record, DeliveryInteraction interaction, long now) {
        if (interaction.getKindCase() == DeliveryInteraction.KindCase.KIND_NOT_SET) {
            park(record, WorkflowTopology.INTERACTIONS, topics.deliveryInteractions().name());
            return;
        }
        Optional<Run> run = runs.load(interaction.getCampaignId());
        interactions.decide(run, interaction, now, reads).ifPresent(decision -> apply(run, decision, now));
    }

    private void receipt(DeliveryReceipt receipt, long now) {
        Optional<Run> run = runs.load(receipt.getCampaignId());
        Receipts.decide(run, receipt, now, reads).ifPresent(decision -> apply(run, decision, now));
    }

    private void apply(Optional<Run> before, Decision decision, long now) {
        applier.apply(before.map(Run::cursor).orElse(Cursor.getDefaultInstance()), decision, now);
        if (!decision.run().running()) {
            traces.ended(decision.run().campaignId());
        }
    }

    /**
     * Fires due wake-ups, earliest first. Each does one bounded piece of work; the punctuation stops taking new
     * ones after {@link #PUNCTUATION_BUDGET} of work, and a batch that renders stops early once it is spent, so
     * that many campaigns due at once (or slow messages) neither hold the stream thread nor make one huge
     * transaction: the rest are due at the next. Returns whether work is due within {@link #QUIET_INTERVAL}
     * (a wake-up, a webhook page waiting for its organization's share): until then it ticks once a second.
     */
    private boolean punctuate(long now) {
        budget.start();
        List<String> due = wakeUps.due(now, settings.maxWakeUpsPerPunctuation());
        if (!due.isEmpty()) {
            PollActivity.mark(); // work to do: the thread keeps its short poll until it has none
        }
        for (String key : due) {
            if (budget.spent()) {
                break;
            }
            wakeUps.delete(key);
            Optional<Run> run = runs.load(Keys.campaignOfWakeUp(key));
            boolean nudge = Keys.isNudgeWakeUp(key);
            if (run.isEmpty() || expected(run.get().cursor(), nudge) != Keys.dueOfWakeUp(key)) {
                continue; // a stale wake-up: the campaign moved on, or stopped
            }
            Cursor cursor = run.get().cursor();
            Run awake = run.get().with(nudge ? cursor.toBuilder().setNudge(cursor.getNudge().toBuilder().setWakeUpAt(0))
                    .build() : cursor.toBuilder().setWakeUpAt(0).build());
            if (awake.running()) {
                wake(awake, nudge, now);
            } else if (!nudge) {
                ScheduledStart.due(awake, now).ifPresent(start -> applier.apply(awake.cursor(), start, now));
            }
        }
        dispatches.retryBacklog();
        return dispatches.waiting() > 0 || wakeUps.anyDueBy(now + QUIET_INTERVAL.toMillis());
    }

    /** The due time the cursor expects of its step's wake-up, or of its nudge's. */
    private static long expected(Cursor cursor, boolean nudge) {
        return nudge ? cursor.getNudge().getWakeUpAt() : cursor.getWakeUpAt();
    }

    /** One wake-up's bounded work (one fan-out or nudge batch, a timer, a webhook step), in its span. */
    private void wake(Run awake, boolean nudge, long now) {
        Span span = traces.wakeUp(awake.campaignId());
        try (Scope ignored = span.makeCurrent()) {
            Decision decision = nudge ? nudges.wake(awake, now, reads) : walker.wake(awake, now, reads);
            applier.apply(awake.cursor(), decision, now);
            if (!decision.run().running()) {
                traces.ended(awake.campaignId());
            }
        } finally {
            span.end();
        }
    }

    private void park(Record<String, byte[]> record, String source, String topic) {
        LOG.error("Record on {} (key {}) has an unknown payload, parked on its dead-letter topic", topic, record.key());
        outbox.deadLetter(source, record, topic, "unknown payload");
    }

    private String sourceOf(String topic) {
        if (topic.equals(topics.campaignEvents().name())) {
            return WorkflowTopology.CAMPAIGN_EVENTS;
        }
        if (topic.equals(topics.deliveryReceipts().name())) {
            return WorkflowTopology.RECEIPTS;
        }
        return topic.equals(topics.deliveryInteractions().name()) ? WorkflowTopology.INTERACTIONS
                : WorkflowTopology.WEBHOOK_RESULTS;
    }

    private static byte[] bytes(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new SerializationException("the record has no value");
        }
        return record.value();
    }
}
