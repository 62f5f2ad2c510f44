package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignResponse;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.SyncRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command side stalls (its results never arrive) while clients send mutations with hour-long
 * deadlines: the mutations are clamped to the server's deadline and bounded in number, and reads
 * and inbox calls keep answering, on a server with only 4 threads for calls.
 */
class StalledCommandSideTest {

    private static final String TEMPLATE = UUID.randomUUID().toString();

    private static ListenableFuture<CreateCampaignResponse> create(ApiHarness api, String org) {
        String manager = TestTokens.token("manager", org, Permission.MANAGE_CAMPAIGNS);
        return api.stub(CampaignServiceGrpc.CampaignServiceFutureStub.class, manager)
                .withDeadlineAfter(1, TimeUnit.HOURS)
                .createCampaign(CreateCampaignRequest.newBuilder()
                        .setName("stuck")
                        .setTemplateId(TEMPLATE)
                        .addUserIds("u1")
                        .build());
    }

    private static Status.Code outcome(ListenableFuture<?> call) throws InterruptedException {
        try {
            call.get();
            return Status.Code.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        }
    }

    private static List<Status.Code> outcomes(List<ListenableFuture<CreateCampaignResponse>> calls)
            throws InterruptedException {
        List<Status.Code> codes = new ArrayList<>();
        for (ListenableFuture<CreateCampaignResponse> call : calls) {
            codes.add(outcome(call));
        }
        return codes;
    }

    private static double inFlight(ApiHarness api) {
        return api.registry.get("pidgr.api.limit.in.use").tag("limit", "mutations").gauge().value();
    }

    private static double rejections(ApiHarness api, String scope) {
        return api.registry
                .get("pidgr.api.limit.rejections")
                .tag("limit", "mutations")
                .tag("scope", scope)
                .counter()
                .count();
    }

    @Test
    void shouldAnswerReadsAndTheInboxWhileMutationsWaitForAStalledCommandSide() throws Exception {
        try (ApiHarness api = new ApiHarness(builder -> builder.blockingThreads(4)
                .limits(ApiLimits.DEFAULTS.withMaxMutationDeadline(Duration.ofSeconds(10))))) {
            List<ListenableFuture<CreateCampaignResponse>> mutations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                mutations.add(create(api, TestTokens.ORG));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> api.responder.campaignCommands().size() == 8);
            String id = UUID.randomUUID().toString();
            api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(id).setName("readable").setVersion(1)
                    .setStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED).build());
            api.reads.addInboxEntry(TestTokens.ORG, "alice", InboxEntry.newBuilder().setDeliveryId("d1")
                    .setStatus(DeliveryStatus.DELIVERY_STATUS_DELIVERED).build());
            String viewer = TestTokens.token("viewer", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);

            Campaign read = api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, viewer)
                    .getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign();
            int listed = api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, viewer)
                    .listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaignsCount();
            List<InboxEntry> inbox = api.stub(
                            InboxServiceGrpc.InboxServiceBlockingStub.class, TestTokens.token("alice", TestTokens.ORG))
                    .sync(SyncRequest.getDefaultInstance())
                    .getEntriesList();

            assertThat(read.getName()).isEqualTo("readable");
            assertThat(listed).isEqualTo(1);
            assertThat(inbox).extracting(InboxEntry::getDeliveryId).containsExactly("d1");
            assertThat(inFlight(api)).as("every mutation was still waiting while the reads answered").isEqualTo(8);
            assertThat(outcomes(mutations))
                    .as("an hour asked for, the server's 10 s given")
                    .containsOnly(Status.Code.DEADLINE_EXCEEDED);
            assertThat(inFlight(api)).isZero();
        }
    }

    @Test
    void shouldRefuseMutationsBeyondTheOrganizationsShareAndTheServersSlots() throws Exception {
        try (ApiHarness api = new ApiHarness(builder -> builder.blockingThreads(4)
                .limits(ApiLimits.DEFAULTS.withMutations(4, 2).withMaxMutationDeadline(Duration.ofSeconds(10))))) {
            List<ListenableFuture<CreateCampaignResponse>> a =
                    List.of(create(api, "org-a"), create(api, "org-a"), create(api, "org-a"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> inFlight(api) == 2
                            && a.stream().filter(f -> f.isDone()).count() == 1);
            List<ListenableFuture<CreateCampaignResponse>> b =
                    List.of(create(api, "org-b"), create(api, "org-b"), create(api, "org-b"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> inFlight(api) == 4
                            && b.stream().filter(f -> f.isDone()).count() == 1);

            ListenableFuture<CreateCampaignResponse> c = create(api, "org-c");
            StatusRuntimeException full = (StatusRuntimeException) catchCause(c);
            String id = UUID.randomUUID().toString();
            api.reads.project("org-c", Campaign.newBuilder().setId(id).setName("still readable").setVersion(1).build());
            Campaign read = api.stub(
                            CampaignServiceGrpc.CampaignServiceBlockingStub.class,
                            TestTokens.token("viewer", "org-c", Permission.VIEW_CAMPAIGNS))
                    .getCampaign(GetCampaignRequest.newBuilder().setId(id).build())
                    .getCampaign();

            assertThat(full.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(full.getStatus().getDescription())
                    .isEqualTo("too many mutations in flight on this server (at most 4); retry after a short delay");
            assertThat(Calls.errorInfo(full).orElseThrow().getMetadataMap()).containsEntry("scope", "server");
            assertThat(read.getName()).isEqualTo("still readable");
            assertThat(outcomes(a))
                    .containsExactlyInAnyOrder(
                            Status.Code.RESOURCE_EXHAUSTED,
                            Status.Code.DEADLINE_EXCEEDED,
                            Status.Code.DEADLINE_EXCEEDED);
            assertThat(outcomes(b))
                    .containsExactlyInAnyOrder(
                            Status.Code.RESOURCE_EXHAUSTED,
                            Status.Code.DEADLINE_EXCEEDED,
                            Status.Code.DEADLINE_EXCEEDED);
            assertThat(rejections(api, "organization")).isEqualTo(2);
            assertThat(rejections(api, "server")).isEqualTo(1);
            assertThat(api.responder.campaignCommands()).as("refused mutations send nothing").hasSize(4);
        }
    }

    private static Throwable catchCause(ListenableFuture<?> call) throws InterruptedException {
        try {
            call.get();
            throw new AssertionError("the call succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
