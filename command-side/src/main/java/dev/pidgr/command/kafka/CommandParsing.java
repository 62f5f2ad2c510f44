package dev.pidgr.command.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.TemplateCommand;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a command record inside the processor (the source deserializes nothing but bytes), so a
 * record that cannot be read becomes a dead letter and an error result instead of a dead stream
 * thread. Reasons are safe to show a client: they describe the record, never its content.
 */
final class CommandParsing {

    /** How to read one command type. */
    record Shape<C extends Message>(String typeName, Parser<C> parser, Function<C, String> aggregateId,
                                    Function<C, CommandMetadata> metadata, Predicate<C> hasPayload, String idField) {
    }

    static final Shape<CampaignCommand> CAMPAIGN = new Shape<>("CampaignCommand", CampaignCommand.parser(),
            CampaignCommand::getCampaignId, CampaignCommand::getMetadata,
            c -> c.getPayloadCase() != CampaignCommand.PayloadCase.PAYLOAD_NOT_SET, "campaign_id");
    static final Shape<TemplateCommand> TEMPLATE = new Shape<>("TemplateCommand", TemplateCommand.parser(),
            TemplateCommand::getTemplateId, TemplateCommand::getMetadata,
            c -> c.getPayloadCase() != TemplateCommand.PayloadCase.PAYLOAD_NOT_SET, "template_id");

    static final Shape<DeviceCommand> DEVICE = new Shape<>("DeviceCommand", DeviceCommand.parser(),
            DeviceCommand::getUserId, DeviceCommand::getMetadata,
            c -> c.getPayloadCase() != DeviceCommand.PayloadCase.PAYLOAD_NOT_SET, "user_id");

    sealed interface Parsed<C> {
        record Ok<C>(C command) implements Parsed<C> {
        }

        /** Unreadable; {@code commandId} (from the header, else the payload) may be null. */
        record Poison<C>(String reason, String commandId) implements Parsed<C> {
        }
    }

    private CommandParsing() {
    }

    static <C extends Message> Parsed<C> parse(Shape<C> shape, String key, byte[] value, Headers headers) {
        String headerId = EventHeaders.read(headers, EventHeaders.COMMAND_ID);
        if (value == null || value.length == 0) {
            return new Parsed.Poison<>("the record has no value", headerId);
        }
        C command;
        try {
            command = shape.parser().parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            return new Parsed.Poison<>("the record is not a valid pidgr.events.v1." + shape.typeName(), headerId);
        }
        CommandMetadata m = shape.metadata().apply(command);
        String commandId = headerId != null ? headerId : m.getCommandId().isEmpty() ? null : m.getCommandId();
        String problem = problem(shape, key, command, m);
        return problem == null ? new Parsed.Ok<>(command) : new Parsed.Poison<>(problem, commandId);
    }

    private static <C extends Message> String problem(Shape<C> shape, String key, C command, CommandMetadata m) {
        String id = shape.aggregateId().apply(command);
        if (!shape.hasPayload().test(command)) {
            return "the command has no payload this processor knows";
        }
        if (key == null || key.isEmpty()) {
            return "the record has no key";
        }
        if (!key.equals(id)) {
            return "the record key does not match the command's " + shape.idField();
        }
        if (m.getCommandId().isEmpty() || m.getOrganizationId().isEmpty() || !m.hasIssuedAt()) {
            return "the command's metadata lacks command_id, organization_id or issued_at";
        }
        return null;
    }
}
