package dev.pidgr.workflow.kafka;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.contract.ProtobufSerde;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.TemplateVersion;
import dev.pidgr.workflow.state.WebhookPage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's state stores (persistent RocksDB, changelogged). Keyed as {@link Keys} describes. Only the
 * cursors have Kafka Streams' record cache: a campaign's cursor is written once per receipt or interaction, and
 * the cache writes it to RocksDB and the changelog once per commit (the cache is flushed before the task's
 * transaction commits, so exactly-once holds). The other stores' keys are mostly written once each (members,
 * deliveries, sends) or scanned in order (wake-ups, pages): a cache would only copy them.
 */
public final class WorkflowStores {

    public static final String SPECS = "workflow-specs";
    public static final String CURSORS = "workflow-cursors";
    public static final String MEMBERS = "workflow-members";
    public static final String DELIVERIES = "workflow-deliveries";
    public static final String SENDS = "workflow-sends";
    public static final String WAKE_UPS = "workflow-wake-ups";
    public static final String WEBHOOK_PAGES = "workflow-webhook-pages";
    public static final String TEMPLATES = "workflow-templates";

    /** A webhook page holds up to 1,000 deliveries; its changelog records may exceed the broker's default 1 MB. */
    static final String PAGE_RECORD_BYTES = String.valueOf(16 * 1024 * 1024);

    public final KeyValueStore<String, RunSpec> specs;
    public final KeyValueStore<String, Cursor> cursors;
    public final KeyValueStore<String, AudienceMember> members;
    public final KeyValueStore<String, DeliveryState> deliveries;
    public final KeyValueStore<String, SendBatch> sends;
    public final KeyValueStore<String, byte[]> wakeUps;
    public final KeyValueStore<String, WebhookPage> webhookPages;
    public final KeyValueStore<String, TemplateVersion> templates;

    public WorkflowStores(ProcessorContext<?, ?> context) {
        specs = context.getStateStore(SPECS);
        cursors = context.getStateStore(CURSORS);
        members = context.getStateStore(MEMBERS);
        deliveries = context.getStateStore(DELIVERIES);
        sends = context.getStateStore(SENDS);
        wakeUps = context.getStateStore(WAKE_UPS);
        webhookPages = context.getStateStore(WEBHOOK_PAGES);
        templates = context.getStateStore(TEMPLATES);
    }

    /** The builders of the per-task stores (the template store is global, see {@link #templateStore()}). */
    public static List<StoreBuilder<?>> taskStores() {
        return List.of(
                store(SPECS, RunSpec.parser(), Map.of()),
                store(CURSORS, Cursor.parser(), Map.of()).withCachingEnabled(),
                store(MEMBERS, AudienceMember.parser(), Map.of()),
                store(DELIVERIES, DeliveryState.parser(), Map.of()),
                store(SENDS, SendBatch.parser(), Map.of()),
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(WAKE_UPS), Serdes.String(), Serdes.ByteArray())
                        .withCachingDisabled(),
                store(WEBHOOK_PAGES, WebhookPage.parser(), Map.of("max.message.bytes", PAGE_RECORD_BYTES)));
    }

    /** The global store of template versions; its source topic is its changelog. */
    public static StoreBuilder<KeyValueStore<String, TemplateVersion>> templateStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TEMPLATES), Serdes.String(),
                        serde(TemplateVersion.parser()))
                .withCachingDisabled()
                .withLoggingDisabled();
    }

    /** The names of the per-task stores. */
    public static String[] taskStoreNames() {
        return new String[] {SPECS, CURSORS, MEMBERS, DELIVERIES, SENDS, WAKE_UPS, WEBHOOK_PAGES};
    }

    private static <V extends Message> StoreBuilder<KeyValueStore<String, V>> store(
            String name, Parser<V> parser, Map<String, String> changelogConfig) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde(parser))
                .withCachingDisabled()
                .withLoggingEnabled(changelogConfig);
    }

    private static <V extends Message> ProtobufSerde<V> serde(Parser<V> parser) {
        return new ProtobufSerde<>(parser, "pidgr.workflow.v1");
    }
}
