package dev.pidgr.api.gateway;

import com.google.protobuf.Message;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.grpc.RequestHeaders;
import dev.pidgr.events.v1.Accepted;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.TemplateCommand;
import java.util.OptionalLong;

/**
 * What every mutating RPC does around its command: metadata from the call (caller, deadline,
 * idempotency key), the round trip through the gateway, a rejection thrown for the edge to map,
 * and on success the write tracked for read-your-writes and {@code x-pidgr-version} set.
 */
public final class Mutations {

    private final CommandGateway gateway;
    private final CommandMetadataFactory metadata;
    private final ReadYourWrites readYourWrites;

    public Mutations(CommandGateway gateway, CommandMetadataFactory metadata, ReadYourWrites readYourWrites) {
        this.gateway = gateway;
        this.metadata = metadata;
        this.readYourWrites = readYourWrites;
    }

    /** Metadata for a command of the current call. */
    public CommandMetadata metadata(String rpc, Message request, OptionalLong expectedVersion) {
        return metadata.metadata(CallContext.caller(), rpc, request, CallContext.deadline(),
                RequestHeaders.idempotencyKey(), expectedVersion);
    }

    /** Sends the command; returns what was accepted or throws {@link CommandRejectedException}. */
    public Accepted campaign(CampaignCommand command) {
        CommandResult result = gateway.submit(command, CallContext.deadline());
        return accepted(Kind.CAMPAIGN, command.getCampaignId(), result);
    }

    /** Sends the command; returns what was accepted or throws {@link CommandRejectedException}. */
    public Accepted template(TemplateCommand command) {
        CommandResult result = gateway.submit(command, CallContext.deadline());
        return accepted(Kind.TEMPLATE, command.getTemplateId(), result);
    }

    private Accepted accepted(Kind kind, String aggregateId, CommandResult result) {
        return switch (result.getOutcomeCase()) {
            case ACCEPTED -> {
                Caller caller = CallContext.caller();
                readYourWrites.written(kind, caller.organizationId(), aggregateId, result.getVersion());
                CallContext.respondWithVersion(result.getVersion());
                yield result.getAccepted();
            }
            case REJECTED -> throw new CommandRejectedException(result.getRejected());
            case OUTCOME_NOT_SET -> throw new IllegalStateException("command result without an outcome for " + aggregateId);
        };
    }

    /** Optional field 100 of a request as an OptionalLong. */
    public static OptionalLong expected(boolean present, long value) {
        return present ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
