package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.campaign.CampaignDecider;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignCommand;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The command side's topology: three sub-topologies (campaign, template and device commands), each the
 * single writer of its event topic, plus a global template catalog that campaign commands read.
 * Sources deserialize nothing but bytes: records are parsed inside the processors, so a bad record
 * is dead-lettered instead of stopping the stream.
 */
public final class CommandTopology {

    static final String CAMPAIGN_EVENTS_SINK = "campaign-events";
    static final String CAMPAIGN_RESULTS_SINK = "campaign-command-results";
    static final String CAMPAIGN_DLQ_SINK = "campaign-commands-dead-letters";
    static final String TEMPLATE_EVENTS_SINK = "template-events";
    static final String TEMPLATE_RESULTS_SINK = "template-command-results";
    static final String TEMPLATE_DLQ_SINK = "template-commands-dead-letters";
    static final String DEVICE_EVENTS_SINK = "device-events";
    static final String DEVICE_RESULTS_SINK = "device-command-results";
    static final String DEVICE_DLQ_SINK = "device-commands-dead-letters";

    private CommandTopology() {
    }

    public static Topology build(Topics topics, CommandSettings settings) {
        return build(topics, settings, UnaryOperator.identity());
    }

    /** The topology with each campaign planner wrapped by {@code planners} (tests count decisions this way). */
    static Topology build(
            Topics topics, CommandSettings settings, UnaryOperator<Plan.Planner<CampaignCommand>> planners) {
        Topology t = new Topology();
        CampaignDecider decider = new CampaignDecider(new WorkflowValidator(settings.allowInsecureWebhooks()));

        // The template catalog: every template version and a latest pointer, folded from template events.
        t.addGlobalStore(store(StoreNames.TEMPLATE_CATALOG).withLoggingDisabled(), "template-events-source",
                new StringDeserializer(), new ByteArrayDeserializer(), topics.templateEvents().name(),
                "template-catalog-updater", CatalogUpdater::new);

        // Campaign commands: decide against the campaign store and the catalog; write events, state and result.
        t.addSource(
                "campaign-commands",
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                topics.campaignCommands().name());
        t.addProcessor(
                "campaign-processor",
                () -> new CampaignCommandProcessor(decider, settings, planners),
                "campaign-commands");
        t.addStateStore(store(StoreNames.CAMPAIGNS), "campaign-processor");
        t.addStateStore(store(StoreNames.CAMPAIGN_IDEMPOTENCY), "campaign-processor");
        t.addStateStore(store(StoreNames.CAMPAIGN_PARKING), "campaign-processor");
        sinks(t, "campaign-processor", topics.campaignEvents().name(), topics.deadLetter(topics.campaignCommands()),
                topics, CAMPAIGN_EVENTS_SINK, CAMPAIGN_RESULTS_SINK, CAMPAIGN_DLQ_SINK);

        // Template commands: decide against the template store; write events, state and result.
        t.addSource(
                "template-commands",
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                topics.templateCommands().name());
        t.addProcessor("template-processor", () -> new TemplateCommandProcessor(settings), "template-commands");
        t.addStateStore(store(StoreNames.TEMPLATES), "template-processor");
        t.addStateStore(store(StoreNames.TEMPLATE_IDEMPOTENCY), "template-processor");
        sinks(t, "template-processor", topics.templateEvents().name(), topics.deadLetter(topics.templateCommands()),
                topics, TEMPLATE_EVENTS_SINK, TEMPLATE_RESULTS_SINK, TEMPLATE_DLQ_SINK);

        // Device commands: decide against the device store; write events, state and result.
        t.addSource("device-commands", new StringDeserializer(), new ByteArrayDeserializer(),
                topics.deviceCommands().name());
        t.addProcessor("device-processor", () -> new DeviceCommandProcessor(settings), "device-commands");
        t.addStateStore(store(StoreNames.DEVICES), "device-processor");
        t.addStateStore(store(StoreNames.DEVICE_IDEMPOTENCY), "device-processor");
        sinks(t, "device-processor", topics.deviceEvents().name(), topics.deadLetter(topics.deviceCommands()),
                topics, DEVICE_EVENTS_SINK, DEVICE_RESULTS_SINK, DEVICE_DLQ_SINK);
        return t;
    }

    private static void sinks(Topology t, String parent, String eventsTopic, String deadLetterTopic, Topics topics,
                              String eventsSink, String resultsSink, String deadLetterSink) {
        t.addSink(eventsSink, eventsTopic, new StringSerializer(), new ByteArraySerializer(), parent);
        t.addSink(
                resultsSink, topics.commandResults().name(), new StringSerializer(), new ByteArraySerializer(), parent);
        t.addSink(deadLetterSink, deadLetterTopic, new StringSerializer(), new ByteArraySerializer(), parent);
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }
}
