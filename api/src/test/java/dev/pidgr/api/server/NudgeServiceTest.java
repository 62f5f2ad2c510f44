package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.Results;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.NudgeCampaignResponse;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.NudgeCampaign;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NudgeCampaign at the edge: the command it sends, its bounds, and its answer once the selection is projected. */
class NudgeServiceTest {

    private static ApiHarness api;
    private static CampaignServiceBlockingStub manager;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        manager = api.stub(CampaignServiceBlockingStub.class,
                TestTokens.token("alice", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS));
        api.responder.answerCampaigns(command -> Optional.of(Results.accepted(command, 6)));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldAnswerWithTheCountTheWorkflowSelected() {
        String id = UUID.randomUUID().toString();
        api.reads.addNudge(TestTokens.ORG, id, 6, 950);

        NudgeCampaignResponse response = manager.nudgeCampaign(NudgeCampaignRequest.newBuilder().setId(id)
                .addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT).setUnreadOnly(true).addUserIds("ada")
                .setRatePerSecond(500).setMessageStepId("nag").build());

        assertThat(response.getMatched()).isEqualTo(950);
        assertThat(response.getCampaign().getId()).isEqualTo(id);
        CampaignCommand sent = api.responder.campaignCommands().stream().filter(c -> c.getCampaignId().equals(id))
                .findFirst().orElseThrow();
        assertThat(sent.getMetadata().getRpc()).isEqualTo("NudgeCampaign");
        assertThat(sent.getNudgeCampaign()).isEqualTo(NudgeCampaign.newBuilder()
                .addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT).setUnreadOnly(true).addUserIds("ada")
                .setRatePerSecond(500).setMessageStepId("nag").build());
    }

    @Test
    void shouldLeaveTheDefaultsToTheDecider() {
        String id = UUID.randomUUID().toString();
        api.reads.addNudge(TestTokens.ORG, id, 6, 3);

        manager.nudgeCampaign(NudgeCampaignRequest.newBuilder().setId(id).build());

        CampaignCommand sent = api.responder.campaignCommands().stream().filter(c -> c.getCampaignId().equals(id))
                .findFirst().orElseThrow();
        assertThat(sent.getNudgeCampaign()).isEqualTo(NudgeCampaign.getDefaultInstance());
    }

    @Test
    void shouldBeUnavailableWhileTheSelectionIsNotProjected() {
        String id = UUID.randomUUID().toString();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> manager
                .withDeadlineAfter(1, TimeUnit.SECONDS).nudgeCampaign(NudgeCampaignRequest.newBuilder().setId(id)
                        .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).contains("nudge 6 is taken in but not yet counted");
    }

    @Test
    void shouldRefuseEveryFieldOutOfBounds() {
        NudgeCampaignRequest.Builder bad = NudgeCampaignRequest.newBuilder().setId(UUID.randomUUID().toString())
                .addStatuses(DeliveryStatus.DELIVERY_STATUS_MISSED).setRatePerSecond(0);
        for (int i = 0; i <= 1_000; i++) {
            bad.addUserIds("user-" + i);
        }

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> manager.nudgeCampaign(bad.build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolationsList()).extracting(v -> v.getField())
                .contains("statuses[0]", "user_ids", "rate_per_second");
    }
}
