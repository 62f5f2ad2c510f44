package dev.pidgr.workflow;

import dev.pidgr.contract.Topics;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.WorkflowStores;
import dev.pidgr.workflow.template.TemplateLoader;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The workflow processor's topology, keyed by campaign id: one processor walks every campaign of
 * its partition, with its state in per-task stores and every template version in a global store.
 * Built apart from any runtime so that TopologyTestDriver can drive it.
 */
public final class WorkflowTopology {

    static final String CAMPAIGN_EVENTS = "campaign-events";
    static final String INTERACTIONS = "delivery-interactions";
    static final String WEBHOOK_RESULTS = "webhook-results";
    static final String RECEIPTS = "delivery-receipts";
    static final String WORKFLOW = "workflow";
    static final String TEMPLATE_EVENTS = "template-events";
    static final String TEMPLATE_LOADER = "template-loader";

    private WorkflowTopology() {
    }

    /**
     * The topology.
     *
     * @param dispatcher makes the webhook calls; shared by every task of the runtime
     */
    public static Topology build(Topics topics, WorkflowSettings settings, WebhookDispatcher dispatcher) {
        return build(topics, settings, dispatcher, System::nanoTime);
    }

    /** With the monotonic clock a punctuation's work is measured with (tests move their own). */
    static Topology build(
            Topics topics, WorkflowSettings settings, WebhookDispatcher dispatcher, LongSupplier nanoTime) {
        Topology topology = new Topology();
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        // Inputs as bytes: parsed in the processor, so an unreadable record is parked, not fatal.
        topology.addSource(CAMPAIGN_EVENTS, keys, bytes, topics.campaignEvents().name());
        topology.addSource(INTERACTIONS, keys, bytes, topics.deliveryInteractions().name());
        topology.addSource(WEBHOOK_RESULTS, keys, bytes, topics.webhookResults().name());
        topology.addSource(RECEIPTS, keys, bytes, topics.deliveryReceipts().name());
        // One processor walks the campaigns; it owns their state and fires their wake-ups.
        topology.addProcessor(WORKFLOW, () -> new WorkflowNode(topics, settings, dispatcher, nanoTime),
                CAMPAIGN_EVENTS, INTERACTIONS, WEBHOOK_RESULTS, RECEIPTS);
        for (StoreBuilder<?> store : WorkflowStores.taskStores()) {
            topology.addStateStore(store, WORKFLOW);
        }
        // Outputs: the run's events, push requests, completion commands.
        StringSerializer keyOut = new StringSerializer();
        topology.addSink(Outbox.DELIVERY_EVENTS, topics.deliveryEvents().name(), keyOut,
                topics.deliveryEvents().valueSerde().serializer(), WORKFLOW);
        topology.addSink(Outbox.PUSH, topics.notificationsPush().name(), keyOut,
                topics.notificationsPush().valueSerde().serializer(), WORKFLOW);
        topology.addSink(Outbox.COMMANDS, topics.campaignCommands().name(), keyOut,
                topics.campaignCommands().valueSerde().serializer(), WORKFLOW);
        // Unreadable inputs are parked as they came.
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSink(
                Outbox.deadLetterSink(CAMPAIGN_EVENTS),
                topics.deadLetter(topics.campaignEvents()),
                keyOut,
                bytesOut,
                WORKFLOW);
        topology.addSink(
                Outbox.deadLetterSink(INTERACTIONS),
                topics.deadLetter(topics.deliveryInteractions()),
                keyOut,
                bytesOut,
                WORKFLOW);
        topology.addSink(
                Outbox.deadLetterSink(WEBHOOK_RESULTS),
                topics.deadLetter(topics.webhookResults()),
                keyOut,
                bytesOut,
                WORKFLOW);
        topology.addSink(
                Outbox.deadLetterSink(RECEIPTS),
                topics.deadLetter(topics.deliveryReceipts()),
                keyOut,
                bytesOut,
                WORKFLOW);
        // Every template version, on every instance: campaigns and templates are keyed differently.
        topology.addGlobalStore(
                WorkflowStores.templateStore(),
                TEMPLATE_EVENTS,
                keys,
                bytes,
                topics.templateEvents().name(),
                TEMPLATE_LOADER,
                () -> new TemplateLoader(topics.templateEvents().valueSerde()));
        return topology;
    }
}
