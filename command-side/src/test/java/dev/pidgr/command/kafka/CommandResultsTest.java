package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.decision.EventIds;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.UpdateCampaign;
import dev.pidgr.events.v1.UpdateTemplate;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandResultsTest {

    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private Campaign accepted(String commandId) {
        CommandResult r = d.result(commandId);
        assertThat(r.hasAccepted()).as("result of %s: %s", commandId, r).isTrue();
        assertThat(r.getAggregateId()).isEqualTo(CAMPAIGN);
        assertThat(r.getVersion()).isEqualTo(r.getAccepted().getCampaign().getVersion());
        return r.getAccepted().getCampaign();
    }

    @Test
    void shouldAnswerEveryCampaignCommandWithTheSnapshotAndVersion() {
        d.send(Fixtures.greetingTemplate());

        Campaign created = accepted(d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 3))));
        Campaign updated = accepted(d.send(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setTitle("Read me"))));
        Campaign started = accepted(d.send(Commands.start(CAMPAIGN)));
        Campaign completed = accepted(d.send(Commands.complete(CAMPAIGN)));

        assertThat(created.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(created.getVersion()).isEqualTo(2);
        assertThat(created.getTotalRecipients()).isEqualTo(3);
        assertThat(created.getTemplateVersion()).isEqualTo(1);
        assertThat(updated.getTitle()).isEqualTo("Read me");
        assertThat(updated.getVersion()).isEqualTo(3);
        assertThat(started.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_ACTIVE);
        assertThat(started.getStartedAt()).isEqualTo(Commands.ISSUED_AT);
        assertThat(completed.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        assertThat(completed.getVersion()).isEqualTo(5);
    }

    @Test
    void shouldAnswerFailAndCancelWithTheEndedSnapshot() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));
        d.send(Commands.start(CAMPAIGN));

        Campaign failed = accepted(d.send(Commands.fail(CAMPAIGN, "template vanished")));
        CommandResult cancel = d.result(d.send(Commands.cancel(CAMPAIGN)));

        assertThat(failed.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_FAILED);
        assertThat(failed.getFailureReason()).isEqualTo("template vanished");
        assertThat(failed.getCompletedAt()).isEqualTo(Commands.ISSUED_AT);
        assertThat(cancel.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(cancel.getRejected().getMessage()).contains("is FAILED");
    }

    @Test
    void shouldAnswerACancelledDraftWithItsSnapshot() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));

        Campaign cancelled = accepted(d.send(Commands.cancel(CAMPAIGN)));

        assertThat(cancelled.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CANCELLED);
        assertThat(cancelled.getVersion()).isEqualTo(3);
    }

    @Test
    void shouldWriteEventsKeyedByCampaignWithTheContractHeaders() {
        d.send(Fixtures.greetingTemplate());
        String commandId = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));

        List<TestRecord<String, byte[]>> records = d.campaignEventRecords();

        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> {
            CampaignEvent e = CommandDriver.campaignEvent(r);
            assertThat(r.key()).isEqualTo(CAMPAIGN);
            assertThat(EventHeaders.read(r.headers(), EventHeaders.EVENT_ID)).isEqualTo(e.getEventId());
            assertThat(EventHeaders.read(r.headers(), EventHeaders.CONTENT_TYPE))
                    .isEqualTo("application/x-protobuf; proto=pidgr.events.v1.CampaignEvent");
        });
        assertThat(records).extracting(r -> EventHeaders.read(r.headers(), EventHeaders.EVENT_TYPE))
                .containsExactly("CampaignCreated", "CampaignAudienceAdded");
        assertThat(CommandDriver.campaignEvent(records.get(0)).getEventId()).isEqualTo(EventIds.of(commandId, 0));
    }

    @Test
    void shouldRejectACompletionThatRacedACancelWithoutAnEvent() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));
        d.send(Commands.start(CAMPAIGN));
        accepted(d.send(Commands.cancel(CAMPAIGN)));
        d.campaignEventsWritten();

        CommandResult r = d.result(d.send(Commands.complete(CAMPAIGN)));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(r.getVersion()).isEqualTo(4);
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundWithVersionZeroForAnotherOrganizationsCampaign() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));
        var foreign = Commands.cancel(CAMPAIGN);
        foreign.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);

        CommandResult r = d.result(d.send(foreign));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NOT_FOUND);
        assertThat(r.getVersion()).isZero();
    }

    @Test
    void shouldAnswerTemplateCommandsWithTheVersionTheyMade() {
        CommandResult created = d.result(d.send(Fixtures.greetingTemplate()));
        CommandResult updated = d.result(d.send(
                Commands.updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("Hi again"))));

        assertThat(created.getAccepted().getTemplate().getVersion()).isEqualTo(1);
        assertThat(created.getAccepted().getTemplate().getBody()).isEqualTo("Hello there");
        assertThat(updated.getVersion()).isEqualTo(2);
        assertThat(updated.getAccepted().getTemplate().getBody()).isEqualTo("Hi again");
        assertThat(updated.getAccepted().getTemplate().getName()).isEqualTo("Greeting");
        assertThat(d.templateEventsWritten()).extracting(e -> e.getVersion()).containsExactly(1L, 2L);
    }

    @Test
    void shouldUseTheTemplatesLatestVersionOnceUpdated() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("v2")));

        Campaign created = accepted(d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1))));

        assertThat(created.getTemplateVersion()).isEqualTo(2);
    }
}
