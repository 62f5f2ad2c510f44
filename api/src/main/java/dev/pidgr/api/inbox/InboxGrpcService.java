package dev.pidgr.api.inbox;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.GetMessageResponse;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.MarkReadRequest;
import dev.pidgr.api.v1.MarkReadResponse;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.SyncResponse;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.query.InboxReads;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * InboxService: the caller's own inbox (organization and user from the token). Handing out a SENT
 * entry is its receipt: a Received interaction is published (and acknowledged by Kafka) and the
 * entry is returned as DELIVERED, which the projection will show once the workflow has applied it.
 */
public final class InboxGrpcService extends InboxServiceGrpc.InboxServiceImplBase {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final InboxReads reads;
    private final Interactions interactions;

    public InboxGrpcService(InboxReads reads, InteractionPublisher publisher, Clock clock) {
        this.reads = reads;
        this.interactions = new Interactions(publisher, clock);
    }

    @Override
    public void sync(SyncRequest request, StreamObserver<SyncResponse> response) {
        Caller caller = CallContext.caller();
        Instant since = request.hasSince() ? instant(request.getSince()) : null;
        InboxReads.SyncPage page =
                reads.sync(caller.organizationId(), caller.userId(), since, limit(request.getLimit()));
        List<InboxEntry> entries = new ArrayList<>(page.entries().size());
        List<DeliveryInteraction> receipts = new ArrayList<>();
        for (InboxEntry entry : page.entries()) {
            entries.add(received(caller, entry, receipts));
        }
        interactions.publishAll(receipts, CallContext.deadline());
        SyncResponse.Builder answer = SyncResponse.newBuilder().addAllEntries(entries);
        if (page.nextSince() != null) {
            answer.setNextSince(timestamp(page.nextSince()));
        }
        reply(response, answer.build());
    }

    @Override
    public void markRead(MarkReadRequest request, StreamObserver<MarkReadResponse> response) {
        Caller caller = CallContext.caller();
        InboxEntry entry = ownEntry(reads, caller, request.getDeliveryId());
        interactions.publishAll(List.of(interactions.of(caller, entry, i -> i.setRead(Read.getDefaultInstance()))),
                CallContext.deadline());
        reply(response, MarkReadResponse.newBuilder().setSuccess(true).build());
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> response) {
        Caller caller = CallContext.caller();
        List<DeliveryInteraction> receipts = new ArrayList<>(1);
        InboxEntry entry = received(caller, ownEntry(reads, caller, request.getDeliveryId()), receipts);
        interactions.publishAll(receipts, CallContext.deadline());
        reply(response, GetMessageResponse.newBuilder().setEntry(entry).build());
    }

    private static final java.util.Set<DeliveryStatus> NOT_YET_RECEIVED = java.util.EnumSet.of(
            DeliveryStatus.DELIVERY_STATUS_SENT, DeliveryStatus.DELIVERY_STATUS_NO_DEVICE,
            DeliveryStatus.DELIVERY_STATUS_FAILED);

    /** 0 means 50, above 200 is clamped (negative never gets here: validation refuses it). */
    static int limit(int requested) {
        return requested <= 0 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
    }

    /**
     * The entry as the client should see it: one not yet received (SENT, or NO_DEVICE or FAILED when no channel
     * reached the recipient, who now opened the inbox) becomes DELIVERED and its receipt is queued.
     */
    private InboxEntry received(Caller caller, InboxEntry entry, List<DeliveryInteraction> receipts) {
        if (!NOT_YET_RECEIVED.contains(entry.getStatus())) {
            return entry;
        }
        receipts.add(interactions.of(caller, entry, i -> i.setReceived(Received.getDefaultInstance())));
        return entry.toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_DELIVERED).build();
    }

    /** The caller's own entry, or NOT_FOUND (someone else's delivery looks exactly like a missing one). */
    static InboxEntry ownEntry(InboxReads reads, Caller caller, String deliveryId) {
        return reads.entry(caller.organizationId(), caller.userId(), deliveryId)
                .orElseThrow(() -> ApiErrors.notFound("delivery " + deliveryId + " not found"));
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
