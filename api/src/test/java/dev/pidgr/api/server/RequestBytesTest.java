package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests are weighed by their bytes before they are parsed (a parsed request takes about ten
 * times its bytes of heap): one organization's large requests in service cannot take more than its
 * share, and the server's bytes are bounded, while a small request of another organization goes on.
 */
class RequestBytesTest {

    private static final String TEMPLATE = "3f0e6a8e-4b4c-4f6e-9d5e-8a1b2c3d4e5f";

    @Test
    void shouldRefuseALargeRequestBeyondTheOrganizationsShareOfRequestBytesBeforeParsingIt() throws Exception {
        // The command side never answers: each create holds its bytes until its 10 s deadline.
        try (ApiHarness api = new ApiHarness(builder -> builder.limits(ApiLimits.DEFAULTS
                .withRequestBytes(400_000, 250_000)
                .withMaxMutationDeadline(Duration.ofSeconds(10))))) {
            ListenableFuture<CreateCampaignResponse> first = create(api, "org-a", 6_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.responder.campaignCommands().size() == 1);
            ListenableFuture<CreateCampaignResponse> second = create(api, "org-a", 6_000);
            StatusRuntimeException refused = failure(second);
            ListenableFuture<CreateCampaignResponse> other = create(api, "org-b", 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.responder.campaignCommands().size() == 2);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .isEqualTo(
                            "too many request bytes in service for this organization on this server (at most 250000);"
                                    + " retry after a short delay");
            assertThat(Calls.errorInfo(refused).orElseThrow().getMetadataMap()).containsEntry("limit", "request_bytes")
                    .containsEntry("scope", "organization");
            assertThat(api.registry.get("pidgr.api.limit.in.use").tag("limit", "request_bytes").gauge().value())
                    .as("the first create's bytes and the other organization's").isBetween(120_000.0, 250_000.0);
            assertThat(failure(first).getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(failure(other).getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            // A lease is given back when the server's log of the call completes, which may be just after the
            // client saw the call's end (twice 122 bytes, the small create, were still held at that instant).
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(api.registry
                                    .get("pidgr.api.limit.in.use")
                                    .tag("limit", "request_bytes")
                                    .gauge()
                                    .value())
                            .as("every byte given back when the calls ended")
                            .isZero());
        }
    }

    @Test
    void shouldServeOneRequestLargerThanTheWholeBudgetWhenNothingElseIsInService() throws Exception {
        try (ApiHarness api = new ApiHarness(builder -> builder.limits(
                ApiLimits.DEFAULTS.withRequestBytes(20_000, 10_000).withMaxMutationDeadline(Duration.ofSeconds(2))))) {
            ListenableFuture<CreateCampaignResponse> large = create(api, "org-a", 6_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.responder.campaignCommands().size() == 1);

            assertThat(failure(large).getStatus().getCode())
                    .as("sent, then no answer")
                    .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        }
    }

    /** A create of {@code members} members with 20-character ids (24 bytes each on the wire). */
    private static ListenableFuture<CreateCampaignResponse> create(ApiHarness api, String org, int members) {
        CreateCampaignRequest.Builder request =
                CreateCampaignRequest.newBuilder().setName("large").setTemplateId(TEMPLATE);
        for (int i = 0; i < members; i++) {
            request.addAudience(AudienceMember.newBuilder().setUserId(String.format("member-%013d", i)));
        }
        String manager = TestTokens.token("manager", org, Permission.MANAGE_CAMPAIGNS);
        return api.stub(CampaignServiceGrpc.CampaignServiceFutureStub.class, manager)
                .withDeadlineAfter(1, TimeUnit.HOURS)
                .createCampaign(request.build());
    }

    private static StatusRuntimeException failure(ListenableFuture<?> call) throws InterruptedException {
        try {
            call.get();
            throw new AssertionError("the call succeeded");
        } catch (ExecutionException e) {
            return (StatusRuntimeException) e.getCause();
        }
    }
}
