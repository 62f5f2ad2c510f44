package dev.pidgr.command.template;

import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.List;

/** The template version a command made, as its Accepted result shows it. */
public final class TemplateSnapshot {

    private TemplateSnapshot() {
    }

    /** {@code state} after {@code made}, the event that made the version. */
    public static Template of(TemplateState state, TemplateEvent made) {
        String body = switch (made.getPayloadCase()) {
            case CREATED -> made.getCreated().getBody();
            case UPDATED -> made.getUpdated().getBody();
            case PAYLOAD_NOT_SET -> throw new IllegalArgumentException("template event without payload");
        };
        List<TemplateVariable> variables = switch (made.getPayloadCase()) {
            case CREATED -> made.getCreated().getVariablesList();
            case UPDATED -> made.getUpdated().getVariablesList();
            case PAYLOAD_NOT_SET -> throw new IllegalArgumentException("template event without payload");
        };
        return Template.newBuilder()
                .setId(state.templateId())
                .setName(state.name())
                .setBody(body)
                .addAllVariables(variables)
                .setVersion(state.version())
                .setCreatedAt(state.createdAt())
                .setUpdatedAt(state.updatedAt())
                .setTitle(state.title())
                .setType(state.type())
                .build();
    }
}
