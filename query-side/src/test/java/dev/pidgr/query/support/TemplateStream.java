package dev.pidgr.query.support;

import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.events.v1.TemplateCreated;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.TemplateUpdated;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;
import java.util.UUID;

/** Builds one template's events with gap-free versions. */
public final class TemplateStream {

    private final String organizationId;
    private final String templateId;
    private long version;

    public TemplateStream(String organizationId, String templateId) {
        this.organizationId = organizationId;
        this.templateId = templateId;
    }

    private TemplateEvent.Builder next(Instant at) {
        return TemplateEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTemplateId(templateId)
                .setOrganizationId(organizationId).setVersion(++version).setOccurredAt(Sql.timestamp(at))
                .setCommandId(UUID.randomUUID().toString()).setActor("user-1");
    }

    public TemplateEvent created(String name, TemplateType type, Instant at) {
        return next(at).setCreated(TemplateCreated.newBuilder().setName(name).setBody("Hello {{first_name}}")
                .setTitle("Hi").setType(type).addVariables(TemplateVariable.newBuilder().setName("first_name")
                        .setRequired(true))).build();
    }

    public TemplateEvent updated(String body, Instant at) {
        return next(at).setUpdated(TemplateUpdated.newBuilder().setBody(body)
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setDefaultValue("there"))).build();
    }
}
