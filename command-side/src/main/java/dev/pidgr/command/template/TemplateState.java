package dev.pidgr.command.template;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.TemplateType;

/**
 * A template aggregate as its decider sees it: the latest version's number and what every version
 * shares (name, title, type). The versions themselves live on the event topic and in the lookup
 * catalog. {@link #none} is a template that does not exist (version 0).
 */
public record TemplateState(
        String templateId,
        String organizationId,
        int version,
        String name,
        String title,
        TemplateType type,
        Timestamp createdAt,
        Timestamp updatedAt) {

    public static TemplateState none(String templateId) {
        return new TemplateState(templateId, "", 0, "", "", TemplateType.TEMPLATE_TYPE_UNSPECIFIED,
                Timestamp.getDefaultInstance(), Timestamp.getDefaultInstance());
    }

    public boolean exists() {
        return version > 0;
    }
}
