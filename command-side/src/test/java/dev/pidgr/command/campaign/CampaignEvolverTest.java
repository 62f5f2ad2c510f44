package dev.pidgr.command.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.InMemoryCatalog;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignEvolverTest {

    private final CampaignDecider decider = new CampaignDecider(new WorkflowValidator(false));
    private final InMemoryCatalog catalog = new InMemoryCatalog().add(Commands.ORG, Given.TEMPLATE, 1);
    private final List<CampaignEvent> log = new ArrayList<>();

    private CampaignState apply(CampaignCommand.Builder command, Timestamp at) {
        command.getMetadataBuilder().setIssuedAt(at);
        CampaignState state = CampaignEvolver.fold(CampaignFixture.CAMPAIGN, log);
        Decision<CampaignEvent> d =
                decider.decide(command.build(), state, catalog, () -> List.copyOf(Commands.members(2)));
        log.addAll(((Decision.Accepted<CampaignEvent>) d).events());
        return CampaignEvolver.fold(CampaignFixture.CAMPAIGN, log);
    }

    @Test
    void shouldFoldALifecycleIntoTheStateTheCommandsDescribe() {
        Timestamp created = Timestamp.newBuilder().setSeconds(100).build();
        Timestamp started = Timestamp.newBuilder().setSeconds(200).build();
        Timestamp failed = Timestamp.newBuilder().setSeconds(300).build();

        CampaignState afterCreate =
                apply(Commands.create(CampaignFixture.CAMPAIGN, Commands.createCampaign(Given.TEMPLATE, 2)), created);
        CampaignState afterStart = apply(Commands.start(CampaignFixture.CAMPAIGN), started);
        CampaignState afterFail = apply(Commands.fail(CampaignFixture.CAMPAIGN, "webhook gone"), failed);

        assertThat(afterCreate.status()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(afterCreate.version()).isEqualTo(2);
        assertThat(afterCreate.organizationId()).isEqualTo(Commands.ORG);
        assertThat(afterCreate.createdAt()).isEqualTo(created);
        assertThat(afterCreate.totalRecipients()).isEqualTo(2);
        assertThat(afterCreate.audienceChunkCount()).isEqualTo(1);
        assertThat(afterStart.status()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_ACTIVE);
        assertThat(afterStart.startedAt()).isEqualTo(started);
        assertThat(afterStart.templatePins())
                .singleElement()
                .satisfies(p -> assertThat(p.getTemplateVersion()).isEqualTo(1));
        assertThat(afterFail.status()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_FAILED);
        assertThat(afterFail.completedAt()).isEqualTo(failed);
        assertThat(afterFail.failureReason()).isEqualTo("webhook gone");
        assertThat(afterFail.version()).isEqualTo(4);
    }

    @Test
    void shouldShowTheSnapshotWithoutCountsAndWithTheVersion() {
        CampaignState state = apply(Commands.create(CampaignFixture.CAMPAIGN, Commands.createCampaign(Given.TEMPLATE, 2)
                .setTitle("Heads up").setSenderName("Ops")), Commands.ISSUED_AT);

        var snapshot = CampaignSnapshot.of(state);

        assertThat(snapshot.getId()).isEqualTo(CampaignFixture.CAMPAIGN);
        assertThat(snapshot.getVersion()).isEqualTo(2);
        assertThat(snapshot.getTotalRecipients()).isEqualTo(2);
        assertThat(snapshot.getTitle()).isEqualTo("Heads up");
        assertThat(snapshot.getSenderName()).isEqualTo("Ops");
        assertThat(snapshot.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(snapshot.getActionCompletedCount()).isZero();
        assertThat(snapshot.hasDeliveryCounts()).isFalse();
    }
}
