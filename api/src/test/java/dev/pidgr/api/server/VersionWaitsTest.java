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
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceFutureStub;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetCampaignResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Reads waiting for an {@code x-pidgr-min-version} that never arrives: bounded in number per server
 * and per organization, paced, and cheap once the aggregate is known to be the caller's; other reads
 * keep answering meanwhile, and each waiter still ends with UNAVAILABLE at its deadline.
 */
class VersionWaitsTest {

    private static ListenableFuture<GetCampaignResponse> getAtLeast(
            ApiHarness api, String org, String id, long version) {
        CampaignServiceFutureStub stub =
                api.stub(CampaignServiceFutureStub.class, TestTokens.token("viewer", org, Permission.VIEW_CAMPAIGNS));
        return Calls.withHeader(stub, "x-pidgr-min-version", Long.toString(version))
                .getCampaign(GetCampaignRequest.newBuilder().setId(id).build());
    }

    private static String project(ApiHarness api, String org) {
        String id = UUID.randomUUID().toString();
        api.reads.project(org, Campaign.newBuilder().setId(id).setName(org + "'s").setVersion(1).build());
        return id;
    }

    private static double waiting(ApiHarness api) {
        return api.registry.get("pidgr.api.limit.in.use").tag("limit", "version_waits").gauge().value();
    }

    private static Status status(ListenableFuture<?> call) throws InterruptedException {
        try {
            call.get();
            return Status.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause());
        }
    }

    private static List<Status.Code> codes(List<ListenableFuture<GetCampaignResponse>> calls)
            throws InterruptedException {
        List<Status.Code> codes = new ArrayList<>();
        for (ListenableFuture<GetCampaignResponse> call : calls) {
            codes.add(status(call).getCode());
        }
        return codes;
    }

    @Test
    void shouldBoundTheReadsWaitingForAVersionThatNeverComes() throws Exception {
        try (ApiHarness api = new ApiHarness(builder -> builder.limits(ApiLimits.DEFAULTS.withVersionWaits(3, 2)))) {
            String ours = project(api, "org-a");
            String theirs = project(api, "org-b");
            List<ListenableFuture<GetCampaignResponse>> a = List.of(getAtLeast(api, "org-a", ours, 99),
                    getAtLeast(api, "org-a", ours, 99), getAtLeast(api, "org-a", ours, 99));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> waiting(api) == 2
                            && a.stream().filter(f -> f.isDone()).count() == 1);
            ListenableFuture<GetCampaignResponse> b = getAtLeast(api, "org-b", theirs, 99);
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting(api) == 3);

            Status full = status(getAtLeast(api, "org-b", theirs, 99));
            Campaign plain = api.stub(
                            CampaignServiceGrpc.CampaignServiceBlockingStub.class,
                            TestTokens.token("viewer", "org-a", Permission.VIEW_CAMPAIGNS))
                    .getCampaign(GetCampaignRequest.newBuilder().setId(ours).build())
                    .getCampaign();
            double waitingDuringPlainRead = waiting(api);

            assertThat(full.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(full.getDescription())
                    .isEqualTo(
                            "too many reads waiting for x-pidgr-min-version on this server (at most 3); retry after a"
                                    + " short delay");
            assertThat(plain.getName()).isEqualTo("org-a's");
            assertThat(waitingDuringPlainRead).isEqualTo(3);
            assertThat(codes(a))
                    .containsExactlyInAnyOrder(
                            Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNAVAILABLE, Status.Code.UNAVAILABLE);
            assertThat(status(b).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status(b).getDescription()).isEqualTo("version 99 is not readable yet; retry");
            assertThat(api.registry
                            .get("pidgr.api.limit.rejections")
                            .tag("limit", "version_waits")
                            .tag("scope", "organization")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(api.registry
                            .get("pidgr.api.limit.rejections")
                            .tag("limit", "version_waits")
                            .tag("scope", "server")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(api.reads.campaignReads(ours))
                    .as("one full read per call: the waiters then check the projected version only")
                    .isEqualTo(4);
            assertThat(waiting(api)).isZero();
        }
    }

    @Test
    void shouldReadAtAGrowingPaceWhileWaitingForACampaignItCannotSee() throws Exception {
        try (ApiHarness api = new ApiHarness()) {
            String theirs = project(api, "org-b");

            StatusRuntimeException error = Status.fromThrowable(catchCause(getAtLeast(api, "org-a", theirs, 1)))
                    .asRuntimeException();

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(api.reads.positionReads(theirs))
                    .as("another organization's aggregate: its position is never read")
                    .isZero();
            assertThat(api.reads.campaignReads(theirs))
                    .as("20 ms doubling to 200 ms: at most 1 + 27 organization-scoped reads in 5 s, however often"
                            + " woken")
                    .isBetween(2, 28);
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
