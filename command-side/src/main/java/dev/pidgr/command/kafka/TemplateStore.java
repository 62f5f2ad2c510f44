package dev.pidgr.command.kafka;

import dev.pidgr.command.template.TemplateState;
import org.apache.kafka.streams.state.KeyValueStore;

/** The template store: one small value per template (its latest version's header). */
final class TemplateStore {

    private final KeyValueStore<String, byte[]> kv;

    TemplateStore(KeyValueStore<String, byte[]> kv) {
        this.kv = kv;
    }

    TemplateState load(String templateId) {
        byte[] bytes = kv.get(templateId);
        return bytes == null ? TemplateState.none(templateId) : StateCodec.decodeTemplate(bytes);
    }

    void save(TemplateState state) {
        kv.put(state.templateId(), StateCodec.encode(state));
    }
}
