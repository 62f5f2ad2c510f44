package dev.pidgr.api.gateway;

import com.google.protobuf.Message;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.grpc.ConcurrencyLimit;
import dev.pidgr.api.grpc.RequestHeaders;
import dev.pidgr.events.v1.Accepted;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.TemplateCommand;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every mutating RPC does around its command: metadata from the call (caller, deadline,
 * idempotency key), a slot of the mutation limit (per server and per organization), the round trip
 * through the gateway, and the answer once the result arrives: a rejection mapped to its status, or
 * on success the write tracked for read-your-writes, {@code x-pidgr-version} set and the response
 * built. No thread is held while the command waits for its result, so mutations stuck behind a
 * stalled command side cannot starve reads and inbox calls of the threads they need.
 */
public final class Mutations {

    private final CommandGateway gateway;
    private final CommandMetadataFactory metadata;
    private final ReadYourWrites readYourWrites;
    private final ConcurrencyLimit inFlight;

    public Mutations(
            CommandGateway gateway,
            CommandMetadataFactory metadata,
            ReadYourWrites readYourWrites,
            ConcurrencyLimit inFlight) {
        this.gateway = gateway;
        this.metadata = metadata;
        this.readYourWrites = readYourWrites;
        this.inFlight = inFlight;
    }

    /** Metadata for a command of the current call. */
    public CommandMetadata metadata(String rpc, Message request, OptionalLong expectedVersion) {
        return metadata.metadata(CallContext.caller(), rpc, request, CallContext.deadline(),
                RequestHeaders.idempotencyKey(), expectedVersion);
    }

    /**
     * Sends the command and, once it is accepted, answers the call with {@code answer} of what was
     * accepted (run on the blocking executor, in the call's context); a failure or rejection is
     * answered with its status. Throws at once (RESOURCE_EXHAUSTED) when the mutation limit is full.
     */
    public <R> void campaign(CampaignCommand command, StreamObserver<R> response, Function<Accepted, R> answer) {
        submit(Kind.CAMPAIGN, command.getCampaignId(), deadline -> gateway.submit(command, deadline), response, answer);
    }

    /** As {@link #campaign}, for a template command. */
    public <R> void template(TemplateCommand command, StreamObserver<R> response, Function<Accepted, R> answer) {
        submit(Kind.TEMPLATE, command.getTemplateId(), deadline -> gateway.submit(command, deadline), response, answer);
    }

    /** As {@link #campaign}, for a device command (the aggregate is the caller's organization and user id). */
    public <R> void device(DeviceCommand command, StreamObserver<R> response, Function<Accepted, R> answer) {
        submit(Kind.DEVICE, command.getUserId(), deadline -> gateway.submit(command, deadline), response, answer);
    }

    private <R> void submit(Kind kind, String aggregateId, Function<Instant, CompletableFuture<CommandResult>> send,
            StreamObserver<R> response, Function<Accepted, R> answer) {
        ConcurrencyLimit.Permit permit = inFlight.acquire(CallContext.caller().organizationId());
        CompletableFuture<CommandResult> result;
        try {
            result = send.apply(CallContext.deadline());
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        result.whenComplete((outcome, failure) -> permit.close());
        // A client that leaves does not stop its command, which keeps its slot until its result or deadline.
        ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) response;
        result.whenCompleteAsync((outcome, failure) -> reply(call, () -> {
            if (failure != null) {
                throw unwrap(failure);
            }
            return answer.apply(accepted(kind, aggregateId, outcome));
        }), CallContext.continuation());
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
            case OUTCOME_NOT_SET ->
                throw new IllegalStateException("command result without an outcome for " + aggregateId);
        };
    }

    /**
     * Answers with the response {@code answer} builds, or with the status of what it throws; nothing for a cancelled
     * call.
     */
    private static <R> void reply(ServerCallStreamObserver<R> call, Supplier<R> answer) {
        if (call.isCancelled()) {
            return;
        }
        try {
            R message = answer.get();
            call.onNext(message);
            call.onCompleted();
        } catch (RuntimeException e) {
            call.onError(ApiErrors.toStatus(e));
        }
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
    }

    /** Optional field 100 of a request as an OptionalLong. */
    public static OptionalLong expected(boolean present, long value) {
        return present ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
