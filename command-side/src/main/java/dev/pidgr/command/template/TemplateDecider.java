package dev.pidgr.command.template;

import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.EventIds;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateCreated;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.TemplateUpdated;
import dev.pidgr.events.v1.UpdateTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code decide(command, state) -> events or rejection} for templates. CreateTemplate makes
 * version 1 (UNSPECIFIED type means MARKDOWN); UpdateTemplate makes the next version, keeping name,
 * title and type. Every placeholder in body and title must name a declared variable, and a new body
 * or title must keep to the shape rules of {@link TemplateRules}. Pure.
 */
public final class TemplateDecider {

    private TemplateDecider() {
    }

    public static Decision<TemplateEvent> decide(TemplateCommand command, TemplateState state) {
        Optional<Rejection> refused = guard(command, state);
        if (refused.isPresent()) {
            return Decision.reject(refused.get());
        }
        List<Violation> invalid = new ArrayList<>();
        TemplateEvent.Builder event = switch (command.getPayloadCase()) {
            case CREATE_TEMPLATE -> create(command.getCreateTemplate(), invalid);
            case UPDATE_TEMPLATE -> update(command.getUpdateTemplate(), state, invalid);
            case PAYLOAD_NOT_SET -> {
                invalid.add(new Violation("payload", "the command has no payload"));
                yield null;
            }
        };
        if (!invalid.isEmpty()) {
            return Decision.reject(Rejection.invalid(invalid));
        }
        CommandMetadata m = command.getMetadata();
        return Decision.accept(List.of(event
                .setEventId(EventIds.of(m.getCommandId(), 0))
                .setTemplateId(command.getTemplateId())
                .setOrganizationId(m.getOrganizationId())
                .setVersion(state.version() + 1L)
                .setOccurredAt(m.getIssuedAt())
                .setCommandId(m.getCommandId())
                .setActor(m.getActor())
                .build()));
    }

    private static Optional<Rejection> guard(TemplateCommand command, TemplateState state) {
        CommandMetadata m = command.getMetadata();
        if (command.getPayloadCase() == TemplateCommand.PayloadCase.CREATE_TEMPLATE) {
            if (state.exists()) {
                return Optional.of(Rejection.alreadyExists("template " + command.getTemplateId() + " already exists"));
            }
        } else if (command.getPayloadCase() == TemplateCommand.PayloadCase.UPDATE_TEMPLATE
                && (!state.exists() || !state.organizationId().equals(m.getOrganizationId()))) {
            return Optional.of(Rejection.notFound("template " + command.getTemplateId() + " not found"));
        }
        if (m.hasExpectedVersion() && m.getExpectedVersion() != state.version()) {
            return Optional.of(Rejection.aborted(m.getExpectedVersion(), state.version()));
        }
        return Optional.empty();
    }

    private static TemplateEvent.Builder create(CreateTemplate c, List<Violation> out) {
        Text.required(out, "name", c.getName(), TemplateRules.MAX_NAME);
        Text.required(out, "body", c.getBody(), TemplateRules.MAX_BODY);
        Text.maxLength(out, "title", c.getTitle(), TemplateRules.MAX_TITLE);
        if (c.getType() == TemplateType.UNRECOGNIZED) {
            out.add(new Violation("type", "type is not a known template type"));
        }
        TemplateRules.variables(c.getVariablesList(), out);
        TemplateRules.template("body", c.getBody(), c.getVariablesList(), out);
        TemplateRules.template("title", c.getTitle(), c.getVariablesList(), out);
        TemplateType type = c.getType() == TemplateType.TEMPLATE_TYPE_UNSPECIFIED
                ? TemplateType.TEMPLATE_TYPE_MARKDOWN
                : c.getType();
        return TemplateEvent.newBuilder().setCreated(TemplateCreated.newBuilder()
                .setName(c.getName())
                .setBody(c.getBody())
                .addAllVariables(c.getVariablesList())
                .setTitle(c.getTitle())
                .setType(type));
    }

    /**
     * The title carries over, so its placeholders must still be declared by the new variables; the
     * shape rules apply to what is written now, so a title stored before them never blocks an update.
     */
    private static TemplateEvent.Builder update(UpdateTemplate u, TemplateState state, List<Violation> out) {
        Text.required(out, "body", u.getBody(), TemplateRules.MAX_BODY);
        TemplateRules.variables(u.getVariablesList(), out);
        TemplateRules.template("body", u.getBody(), u.getVariablesList(), out);
        TemplateRules.placeholders("title", state.title(), u.getVariablesList(), out);
        return TemplateEvent.newBuilder().setUpdated(TemplateUpdated.newBuilder()
                .setBody(u.getBody())
                .addAllVariables(u.getVariablesList()));
    }
}
