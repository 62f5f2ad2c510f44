package dev.pidgr.workflow.template;

import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.contract.ProtobufSerde;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.kafka.WorkflowStores;
import dev.pidgr.workflow.state.TemplateVersion;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes every template version from pidgr.template.events into the global template store
 * (also when the store is restored: Kafka Streams replays the topic through this processor). An
 * update carries body and variables; title, type and organization carry over from the version
 * before. A global store's processor cannot forward, so an unreadable record is logged and
 * skipped here, as the command side's template catalog (a global store too) does; the query side
 * records it in projection_skipped (docs/reliability.md, "Where a bad record goes").
 */
public final class TemplateLoader implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateLoader.class);

    private final ProtobufSerde<TemplateEvent> serde;
    private KeyValueStore<String, TemplateVersion> templates;

    public TemplateLoader(ProtobufSerde<TemplateEvent> serde) {
        this.serde = serde;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        templates = context.getStateStore(WorkflowStores.TEMPLATES);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        TemplateEvent event;
        try {
            event = serde.parse(record.value() == null ? new byte[0] : record.value());
        } catch (SerializationException e) {
            LOG.error("Unreadable template event with key {} skipped: {}", record.key(), e.getMessage());
            return;
        }
        String key = Keys.templateVersion(event.getTemplateId(), event.getVersion());
        switch (event.getPayloadCase()) {
            case CREATED -> templates.put(key, TemplateVersion.newBuilder()
                    .setOrganizationId(event.getOrganizationId())
                    .setTitle(event.getCreated().getTitle())
                    .setBody(event.getCreated().getBody())
                    .setType(event.getCreated().getType() == TemplateType.TEMPLATE_TYPE_UNSPECIFIED
                            ? TemplateType.TEMPLATE_TYPE_MARKDOWN : event.getCreated().getType())
                    .addAllVariables(event.getCreated().getVariablesList())
                    .build());
            case UPDATED -> {
                TemplateVersion previous =
                        templates.get(Keys.templateVersion(event.getTemplateId(), event.getVersion() - 1));
                if (previous == null) {
                    LOG.error("Template {} version {} has no version before it here; its title and type are unknown",
                            event.getTemplateId(), event.getVersion());
                    previous = TemplateVersion.newBuilder().setOrganizationId(event.getOrganizationId())
                            .setType(TemplateType.TEMPLATE_TYPE_MARKDOWN).build();
                }
                templates.put(key, previous.toBuilder().setBody(event.getUpdated().getBody()).clearVariables()
                        .addAllVariables(event.getUpdated().getVariablesList()).build());
            }
            case PAYLOAD_NOT_SET -> LOG.error("Template event {} of template {} has an unknown payload, skipped",
                    event.getEventId(), event.getTemplateId());
        }
    }
}
