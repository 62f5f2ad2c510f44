package dev.pidgr.api.inbox;

import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.MessageAction;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SubmitActionResponse;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.query.InboxReads;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;

/**
 * ActionService: the recipient performs one of their message's actions. The delivery must be the
 * caller's (else NOT_FOUND) and the action one of the message's (else INVALID_ARGUMENT naming
 * action_id). The ActionSubmitted interaction is acknowledged by Kafka before the call answers.
 */
public final class ActionGrpcService extends ActionServiceGrpc.ActionServiceImplBase {

    private final InboxReads reads;
    private final Interactions interactions;

    public ActionGrpcService(InboxReads reads, InteractionPublisher publisher, Clock clock) {
        this.reads = reads;
        this.interactions = new Interactions(publisher, clock);
    }

    @Override
    public void submitAction(SubmitActionRequest request, StreamObserver<SubmitActionResponse> response) {
        Caller caller = CallContext.caller();
        InboxEntry entry = InboxGrpcService.ownEntry(reads, caller, request.getDeliveryId());
        boolean known = entry.getMessage().getActionsList().stream()
                .map(MessageAction::getId)
                .anyMatch(request.getActionId()::equals);
        if (!known) {
            throw ApiErrors.invalidArgument("action_id", "the message has no action \"" + request.getActionId() + "\"");
        }
        ActionSubmitted action = ActionSubmitted.newBuilder()
                .setActionId(request.getActionId())
                .setPayload(request.getPayload())
                .build();
        interactions.publishAll(
                List.of(interactions.of(caller, entry, i -> i.setActionSubmitted(action))), CallContext.deadline());
        response.onNext(SubmitActionResponse.newBuilder().setSuccess(true).build());
        response.onCompleted();
    }
}
