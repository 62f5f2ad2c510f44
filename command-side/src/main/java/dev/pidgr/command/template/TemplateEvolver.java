package dev.pidgr.command.template;

import dev.pidgr.events.v1.TemplateCreated;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.List;

/** {@code evolve(state, event) -> state} for templates; the state store is a cache of its fold. */
public final class TemplateEvolver {

    private TemplateEvolver() {
    }

    public static TemplateState evolve(TemplateState state, TemplateEvent event) {
        return switch (event.getPayloadCase()) {
            case CREATED -> {
                TemplateCreated c = event.getCreated();
                yield new TemplateState(
                        event.getTemplateId(),
                        event.getOrganizationId(),
                        (int) event.getVersion(),
                        c.getName(),
                        c.getTitle(),
                        c.getType(),
                        event.getOccurredAt(),
                        event.getOccurredAt());
            }
            case UPDATED ->
                new TemplateState(
                        state.templateId(),
                        state.organizationId(),
                        (int) event.getVersion(),
                        state.name(),
                        state.title(),
                        state.type(),
                        state.createdAt(),
                        event.getOccurredAt());
            case PAYLOAD_NOT_SET ->
                throw new IllegalArgumentException("template event " + event.getEventId() + " has no payload");
        };
    }

    public static TemplateState fold(String templateId, List<TemplateEvent> events) {
        TemplateState state = TemplateState.none(templateId);
        for (TemplateEvent e : events) {
            state = evolve(state, e);
        }
        return state;
    }
}
