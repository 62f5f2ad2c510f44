package dev.pidgr.query.template;

import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;
import java.util.List;

/** One version of a template. {@code createdAt} is version 1's, {@code updatedAt} this version's. */
public record TemplateRow(String id, int version, String organizationId, String name, String body,
                          List<TemplateVariable> variables, String title, TemplateType type, Instant createdAt,
                          Instant updatedAt) {

    /**
     * The version {@code event} makes on top of {@code latest} (null before version 1), or null when
     * the event needs a template that does not exist (pure).
     */
    static TemplateRow apply(TemplateRow latest, TemplateEvent event) {
        Instant at = Sql.instant(event.getOccurredAt());
        int version = Math.toIntExact(event.getVersion());
        return switch (event.getPayloadCase()) {
            case CREATED -> new TemplateRow(event.getTemplateId(), version, event.getOrganizationId(),
                    event.getCreated().getName(), event.getCreated().getBody(), event.getCreated().getVariablesList(),
                    event.getCreated().getTitle(), type(event.getCreated().getType()), at, at);
            // Name, title and type carry over from the previous version.
            case UPDATED -> latest == null ? null : new TemplateRow(latest.id, version, latest.organizationId,
                    latest.name, event.getUpdated().getBody(), event.getUpdated().getVariablesList(), latest.title,
                    latest.type, latest.createdAt, at);
            case PAYLOAD_NOT_SET -> null;
        };
    }

    /** UNSPECIFIED on create means MARKDOWN (the command side should already have said so). */
    private static TemplateType type(TemplateType type) {
        return type == TemplateType.TEMPLATE_TYPE_UNSPECIFIED ? TemplateType.TEMPLATE_TYPE_MARKDOWN : type;
    }

    /** The variables stored as one bytea: a Template holding only them. */
    byte[] variablesBytes() {
        return Template.newBuilder().addAllVariables(variables).build().toByteArray();
    }

    public Template toProto() {
        return Template.newBuilder().setId(id).setName(name).setBody(body).addAllVariables(variables)
                .setVersion(version).setCreatedAt(Sql.timestamp(createdAt)).setUpdatedAt(Sql.timestamp(updatedAt))
                .setTitle(title).setType(type).build();
    }
}
