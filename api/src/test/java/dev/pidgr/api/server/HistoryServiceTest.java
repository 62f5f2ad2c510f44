package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.ListCampaignHistoryRequest;
import dev.pidgr.api.v1.ListCampaignHistoryResponse;
import dev.pidgr.api.v1.Pagination;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ListCampaignHistory at the edge: organization rules and paging over the projection's reads. */
class HistoryServiceTest {

    private static final String CAMPAIGN = UUID.randomUUID().toString();
    private static final CampaignHistoryEntry CREATED = CampaignHistoryEntry.newBuilder().setVersion(1)
            .setEventType("CampaignCreated").setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .setActor("alice").setSummary("created for 2 members").setCommandId("cmd-1").build();
    private static final CampaignHistoryEntry STARTED = CREATED.toBuilder().setVersion(2)
            .setEventType("CampaignStarted").setSummary("started with 2 members").setCommandId("cmd-2").build();
    private static ApiHarness api;
    private static CampaignServiceBlockingStub viewer;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        viewer = api.stub(
                CampaignServiceBlockingStub.class, TestTokens.token("v", TestTokens.ORG, Permission.VIEW_CAMPAIGNS));
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(CAMPAIGN).setVersion(2)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE).build());
        api.reads.addHistory(TestTokens.ORG, CAMPAIGN, CREATED, STARTED);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldListTheEntriesOldestFirstWithTheTotal() {
        ListCampaignHistoryResponse history =
                viewer.listCampaignHistory(ListCampaignHistoryRequest.newBuilder().setId(CAMPAIGN).build());

        assertThat(history.getEntriesList()).containsExactly(CREATED, STARTED);
        assertThat(history.getPaginationMeta().getTotalCount()).isEqualTo(2);
        assertThat(history.getPaginationMeta().getNextPageToken()).isEmpty();
    }

    @Test
    void shouldHideAnotherOrganizationsCampaignAsNotFound() {
        var other = api.stub(CampaignServiceBlockingStub.class,
                TestTokens.token("e", TestTokens.OTHER_ORG, Permission.VIEW_CAMPAIGNS));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> other.listCampaignHistory(ListCampaignHistoryRequest.newBuilder().setId(CAMPAIGN).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void shouldRefuseANegativePageSize() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> viewer.listCampaignHistory(ListCampaignHistoryRequest.newBuilder().setId(CAMPAIGN)
                        .setPagination(Pagination.newBuilder().setPageSize(-1)).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void shouldNeedAViewingPermission() {
        var recipient = api.stub(CampaignServiceBlockingStub.class, TestTokens.token("r", TestTokens.ORG));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> recipient.listCampaignHistory(ListCampaignHistoryRequest.newBuilder().setId(CAMPAIGN).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
