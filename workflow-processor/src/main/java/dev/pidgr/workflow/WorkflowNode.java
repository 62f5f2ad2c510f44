package dev.pidgr.workflow;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.delivery.InteractionHandler;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.WorkflowStores;
import dev.pidgr.workflow.run.CampaignEventHandler;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.Runs;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.Walker;
import dev.pidgr.workflow.step.DeadlineCheckStep;
import dev.pidgr.workflow.step.MarkMissedStep;
import dev.pidgr.workflow.step.SendNotificationStep;
import dev.pidgr.workflow.step.SendReminderStep;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.step.Batches;
import dev.pidgr.workflow.timer.WakeUps;
import dev.pidgr.workflow.timer.WorkBudget;
import dev.pidgr.workflow.webhook.CallWebhookStep;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import dev.pidgr.workflow.webhook.WebhookDispatches;
import dev.pidgr.workflow.webhook.WebhookResultHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow processor of one stream task: reads campaign events, interactions and webhook
 * results (as bytes, parsed here so that an unreadable record is parked on its dead-letter topic
 * and processing goes on), and fires due wake-ups from a wall-clock punctuator.
 */
final class WorkflowNode implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowNode.class);
    static final Duration PUNCTUATION_BUDGET = Duration.ofMillis(200);

    private final Topics topics;
    private final WorkflowSettings settings;
    private final WebhookDispatcher dispatcher;
    private final WorkBudget budget;
    private ProcessorContext<String, Object> context;
    private Outbox outbox;
    private Runs runs;
    private WakeUps wakeUps;
    private Walker walker;
    private CallWebhookStep webhookStep;
    private WebhookDispatches dispatches;
    private CampaignEventHandler campaignEvents;
    private InteractionHandler interactions;
    private WebhookResultHandler webhookResults;
    private WorkflowStores stores;

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
        stores = new WorkflowStores(context);
        outbox = new Outbox(context);
        runs = new Runs(stores.specs, stores.cursors);
        wakeUps = new WakeUps(stores.wakeUps);
        // Waiting pages are keys; they are read back through the result handler, built below.
        dispatches = new WebhookDispatches(dispatcher, pageKey -> webhookResults.pendingCall(pageKey));
        Deliveries deliveries = new Deliveries(stores.members, stores.deliveries);
        StepMessages messages = new StepMessages(stores.templates);
        Batches batches = new Batches(settings.batchMembers(), settings.batchBytes(), budget);
        webhookStep = new CallWebhookStep(deliveries, stores.sends, stores.webhookPages, wakeUps, outbox, dispatches);
        Map<StepType, StepRunner> runners = Map.of(
                StepType.STEP_TYPE_SEND_NOTIFICATION, new SendNotificationStep(stores.members, stores.sends, messages, wakeUps,
                        outbox, batches),
                StepType.STEP_TYPE_DEADLINE_CHECK, new DeadlineCheckStep(wakeUps),
                StepType.STEP_TYPE_SEND_REMINDER, new SendReminderStep(deliveries, messages, wakeUps, outbox, batches),
                StepType.STEP_TYPE_MARK_MISSED, new MarkMissedStep(deliveries, wakeUps, outbox, settings.batchMembers()),
                StepType.STEP_TYPE_CALL_WEBHOOK, webhookStep);
        walker = new Walker(runners, wakeUps, outbox, webhookStep::abandon);
        campaignEvents = new CampaignEventHandler(runs, stores.members, walker);
        interactions = new InteractionHandler(runs, deliveries, walker, outbox);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
        webhookResults = new WebhookResultHandler(runs, walker, webhookStep, stores.webhookPages, dispatches, dispatcher.cancelled());
        webhookResults.redispatchPending();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        long now = context.currentSystemTimeMs();
        try {
            if (topic.equals(topics.campaignEvents().name())) {
                CampaignEvent event = topics.campaignEvents().valueSerde().parse(bytes(record));
                park(record, WorkflowTopology.CAMPAIGN_EVENTS, topic, campaignEvents.handle(event, now));
            } else if (topic.equals(topics.deliveryInteractions().name())) {
                DeliveryInteraction interaction = topics.deliveryInteractions().valueSerde().parse(bytes(record));
                park(record, WorkflowTopology.INTERACTIONS, topic, interactions.handle(interaction, now));
            } else if (topic.equals(topics.webhookResults().name())) {
                webhookResults.handle(topics.webhookResults().valueSerde().parse(bytes(record)), now);
            } else {
                throw new IllegalStateException("a record from an unexpected topic " + topic);
            }
        } catch (SerializationException e) {
            LOG.error("Unreadable record on {} (key {}) parked on its dead-letter topic: {}", topic, record.key(), e.getMessage());
            outbox.deadLetter(sourceOf(topic), record, topic, "unreadable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (dispatches != null) {
            dispatches.close();
        }
    }

    /**
     * Fires due wake-ups, earliest first. Each does one bounded piece of work; the punctuation stops
     * taking new ones after {@link #PUNCTUATION_BUDGET} of work, and a batch that renders stops
     * early once it is spent, so that many campaigns due at once (or slow messages) neither hold
     * the stream thread nor make one huge transaction: the rest are due at the next.
     */
    private void punctuate(long now) {
        budget.start();
        for (String key : wakeUps.due(now, settings.maxWakeUpsPerPunctuation())) {
            if (budget.spent()) {
                break;
            }
            wakeUps.delete(key);
            Optional<Run> run = runs.load(Keys.campaignOfWakeUp(key));
            if (run.isEmpty() || !run.get().running() || run.get().cursor().getWakeUpAt() != Keys.dueOfWakeUp(key)) {
                continue; // a stale wake-up: the campaign moved on, or stopped
            }
            run.get().cursor().setWakeUpAt(0);
            walker.wake(run.get(), now);
            runs.save(run.get());
        }
        dispatches.retryBacklog();
    }

    private void park(Record<String, byte[]> record, String source, String topic, boolean handled) {
        if (!handled) {
            LOG.error("Record on {} (key {}) has an unknown payload, parked on its dead-letter topic", topic, record.key());
            outbox.deadLetter(source, record, topic, "unknown payload");
        }
    }

    private String sourceOf(String topic) {
        if (topic.equals(topics.campaignEvents().name())) {
            return WorkflowTopology.CAMPAIGN_EVENTS;
        }
        return topic.equals(topics.deliveryInteractions().name()) ? WorkflowTopology.INTERACTIONS : WorkflowTopology.WEBHOOK_RESULTS;
    }

    private static byte[] bytes(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new SerializationException("the record has no value");
        }
        return record.value();
    }
}
