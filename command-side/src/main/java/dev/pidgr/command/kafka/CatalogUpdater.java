package dev.pidgr.command.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.command.store.CatalogLatest;
import dev.pidgr.command.store.CatalogVersion;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds pidgr.template.events into the global template catalog. Kafka Streams also runs it when it
 * restores the global store (a global store added with a processor is reprocessed on restore), so
 * a rebuilt catalog is the same fold, never a raw copy of the event records.
 */
final class CatalogUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogUpdater.class);

    private KeyValueStore<String, byte[]> catalog;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        catalog = context.getStateStore(StoreNames.TEMPLATE_CATALOG);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        TemplateEvent event;
        try {
            event = TemplateEvent.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("template catalog: skipped an unreadable template event (key {})", record.key());
            return;
        }
        switch (event.getPayloadCase()) {
            case CREATED -> put(event, event.getCreated().getVariablesList());
            case UPDATED -> put(event, event.getUpdated().getVariablesList());
            case PAYLOAD_NOT_SET ->
                LOG.warn("template catalog: skipped template event {} without a known payload", event.getEventId());
        }
    }

    private void put(TemplateEvent event, List<TemplateVariable> variables) {
        int version = (int) event.getVersion();
        String id = event.getTemplateId();
        catalog.put(StoreKeys.catalogVersion(id, version), CatalogVersion.newBuilder()
                .setOrganizationId(event.getOrganizationId())
                .setVersion(version)
                .addAllVariables(variables)
                .build().toByteArray());
        byte[] latest = catalog.get(StoreKeys.catalogLatest(id));
        if (latest == null || StateCodec.parse(() -> CatalogLatest.parseFrom(latest)).getVersion() < version) {
            catalog.put(StoreKeys.catalogLatest(id), CatalogLatest.newBuilder()
                    .setOrganizationId(event.getOrganizationId()).setVersion(version).build().toByteArray());
        }
    }
}
