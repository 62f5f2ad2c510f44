package dev.pidgr.api.campaign;

import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.gateway.Mutations;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.grpc.RequestHeaders;
import dev.pidgr.api.v1.*;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.query.CampaignReads;
import dev.pidgr.query.Page;
import dev.pidgr.query.PageRequest;
import dev.pidgr.query.TemplateReads;
import dev.pidgr.query.TimelineEntry;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * CampaignService: mutations go through the command gateway and answer, once the result arrives
 * (no thread waits for it), with the command result's snapshot; reads wait for read-your-writes and then query the
 * projection. Another organization's
 * campaign is NOT_FOUND everywhere. Failures are thrown and mapped by the error interceptor.
 */
public final class CampaignGrpcService extends CampaignServiceGrpc.CampaignServiceImplBase {

    private final Mutations mutations;
    private final CampaignReads reads;
    private final ReadYourWrites readYourWrites;
    private final LiveCounts liveCounts;
    private final CampaignPreviews previews;
    private final Clock clock;

    public CampaignGrpcService(Mutations mutations, CampaignReads reads, TemplateReads templates,
                               ReadYourWrites readYourWrites, Clock clock) {
        this.mutations = mutations;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
        this.liveCounts = new LiveCounts(reads);
        this.previews = new CampaignPreviews(reads, templates);
        this.clock = clock;
    }

    @Override
    public void createCampaign(CreateCampaignRequest request, StreamObserver<CreateCampaignResponse> response) {
        CommandMetadata metadata = mutations.metadata("CreateCampaign", request, OptionalLong.empty());
        String id = CampaignCommands.newCampaignId(metadata.getOrganizationId(), metadata.getIdempotencyKey());
        mutations.campaign(CampaignCommands.create(request, id, metadata), response,
                accepted -> CreateCampaignResponse.newBuilder().setCampaign(accepted.getCampaign()).build());
    }

    @Override
    public void startCampaign(StartCampaignRequest request, StreamObserver<StartCampaignResponse> response) {
        CommandMetadata metadata = mutations.metadata("StartCampaign", request,
                Mutations.expected(request.hasExpectedVersion(), request.getExpectedVersion()));
        mutations.campaign(
                CampaignCommands.start(request, metadata),
                response,
                accepted -> StartCampaignResponse.newBuilder()
                        .setCampaign(liveCounts.merge(metadata.getOrganizationId(), accepted.getCampaign()))
                        .build());
    }

    @Override
    public void updateCampaign(UpdateCampaignRequest request, StreamObserver<UpdateCampaignResponse> response) {
        CommandMetadata metadata = mutations.metadata("UpdateCampaign", request,
                Mutations.expected(request.hasExpectedVersion(), request.getExpectedVersion()));
        mutations.campaign(CampaignCommands.update(request, metadata), response,
                accepted -> UpdateCampaignResponse.newBuilder().setCampaign(accepted.getCampaign()).build());
    }

    @Override
    public void cancelCampaign(CancelCampaignRequest request, StreamObserver<CancelCampaignResponse> response) {
        CommandMetadata metadata = mutations.metadata("CancelCampaign", request,
                Mutations.expected(request.hasExpectedVersion(), request.getExpectedVersion()));
        mutations.campaign(
                CampaignCommands.cancel(request.getId(), metadata),
                response,
                accepted -> CancelCampaignResponse.newBuilder()
                        .setCampaign(liveCounts.merge(metadata.getOrganizationId(), accepted.getCampaign()))
                        .build());
    }

    /**
     * Answers once the workflow has selected the nudge's deliveries and the projection shows how many
     * (docs/adr/0004-nudge-selection-in-the-workflow.md); a retry with the same idempotency key finds the same nudge.
     */
    @Override
    public void nudgeCampaign(NudgeCampaignRequest request, StreamObserver<NudgeCampaignResponse> response) {
        CommandMetadata metadata = mutations.metadata("NudgeCampaign", request, OptionalLong.empty());
        String org = metadata.getOrganizationId();
        mutations.campaign(CampaignCommands.nudge(request, metadata), response, accepted -> {
            long nudge = accepted.getCampaign().getVersion();
            int matched = readYourWrites.readWhenPresent(org, () -> boxed(reads.nudgeMatched(org, request.getId(),
                    nudge)), CallContext.deadline(), "nudge " + nudge + " is taken in but not yet counted; retry");
            return NudgeCampaignResponse.newBuilder().setCampaign(liveCounts.merge(org, accepted.getCampaign()))
                    .setMatched(matched).build();
        });
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    @Override
    public void getCampaign(GetCampaignRequest request, StreamObserver<GetCampaignResponse> response) {
        Campaign campaign = visibleCampaign(request.getId(), RequestHeaders.minVersion());
        reply(response, GetCampaignResponse.newBuilder().setCampaign(campaign).build());
    }

    @Override
    public void listCampaigns(ListCampaignsRequest request, StreamObserver<ListCampaignsResponse> response) {
        Caller caller = CallContext.caller();
        readYourWrites.awaitAll(Kind.CAMPAIGN, caller.organizationId(), CallContext.deadline());
        Page<Campaign> page = reads.campaigns(
                caller.organizationId(), request.getStatusFilter(), pageRequest(request.getPagination()));
        reply(response, ListCampaignsResponse.newBuilder()
                .addAllCampaigns(page.items())
                .setPagination(meta(page))
                .build());
    }

    @Override
    public void listDeliveries(ListDeliveriesRequest request, StreamObserver<ListDeliveriesResponse> response) {
        Caller caller = CallContext.caller();
        visibleCampaign(request.getCampaignId(), 0);
        Page<Delivery> page = reads.deliveries(caller.organizationId(), request.getCampaignId(),
                request.getStatusFilter(), pageRequest(request.getPagination()));
        reply(response, ListDeliveriesResponse.newBuilder()
                .addAllDeliveries(page.items())
                .setPagination(meta(page))
                .build());
    }

    @Override
    public void getCampaignTimeline(
            GetCampaignTimelineRequest request, StreamObserver<GetCampaignTimelineResponse> response) {
        Campaign campaign = visibleCampaign(request.getId(), RequestHeaders.minVersion());
        GetCampaignTimelineResponse.Builder answer = GetCampaignTimelineResponse.newBuilder();
        if (!campaign.hasStartedAt()) {
            Duration bucket = request.hasBucket() ? duration(request.getBucket()) : CampaignTimeline.BUCKETS.getFirst();
            reply(response, answer.setBucket(duration(bucket)).build());
            return;
        }
        Instant start = instant(campaign.getStartedAt());
        Instant end = campaign.hasCompletedAt() ? instant(campaign.getCompletedAt()) : clock.instant();
        Duration bucket =
                request.hasBucket() ? duration(request.getBucket()) : CampaignTimeline.defaultBucket(start, end);
        List<TimelineEntry> slots = reads.timeline(CallContext.caller().organizationId(), campaign.getId(),
                CampaignTimeline.granularity(bucket));
        reply(
                response,
                answer.addAllPoints(CampaignTimeline.points(start, end, bucket, slots))
                        .setBucket(duration(bucket))
                        .build());
    }

    @Override
    public void previewCampaign(PreviewCampaignRequest request, StreamObserver<PreviewCampaignResponse> response) {
        Campaign campaign = visibleCampaign(request.getId(), RequestHeaders.minVersion());
        reply(response, previews.preview(CallContext.caller().organizationId(), campaign, request));
    }

    @Override
    public void listCampaignHistory(
            ListCampaignHistoryRequest request, StreamObserver<ListCampaignHistoryResponse> response) {
        Campaign campaign = visibleCampaign(request.getId(), RequestHeaders.minVersion());
        Page<CampaignHistoryEntry> page = reads.history(
                CallContext.caller().organizationId(), campaign.getId(), pageRequest(request.getPagination()));
        reply(response, ListCampaignHistoryResponse.newBuilder()
                .addAllEntries(page.items())
                .setPaginationMeta(meta(page))
                .build());
    }

    private static Duration duration(com.google.protobuf.Duration d) {
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }

    private static com.google.protobuf.Duration duration(Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }

    private static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** The caller's organization's campaign after read-your-writes, or NOT_FOUND. */
    private Campaign visibleCampaign(String id, long minVersion) {
        String org = CallContext.caller().organizationId();
        readYourWrites.awaitOne(Kind.CAMPAIGN, org, id, CallContext.deadline());
        return readYourWrites
                .readAtLeast(
                        Kind.CAMPAIGN,
                        org,
                        id,
                        () -> reads.campaign(org, id),
                        Campaign::getVersion,
                        minVersion,
                        CallContext.deadline())
                .orElseThrow(() -> ApiErrors.notFound("campaign " + id + " not found"));
    }

    static PageRequest pageRequest(Pagination pagination) {
        return new PageRequest(pagination.getPageSize(), pagination.getPageToken());
    }

    static PaginationMeta meta(Page<?> page) {
        return PaginationMeta.newBuilder()
                .setNextPageToken(page.nextPageToken())
                .setTotalCount(page.totalCount())
                .build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
