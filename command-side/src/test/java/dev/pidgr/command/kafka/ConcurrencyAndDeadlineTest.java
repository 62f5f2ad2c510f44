package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.UpdateCampaign;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyAndDeadlineTest {

    private final CommandDriver d = new CommandDriver();

    @BeforeEach
    void draft() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));
        d.campaignEventsWritten();
    }

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void shouldAbortACommandExpectingAnOlderVersionReportingTheCurrentOne() {
        CampaignCommand.Builder stale = Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("x"));
        stale.getMetadataBuilder().setExpectedVersion(1);

        CommandResult r = d.result(d.send(stale));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_ABORTED);
        assertThat(r.getRejected().getCurrentVersion()).isEqualTo(2);
        assertThat(r.getVersion()).isEqualTo(2);
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldApplyACommandExpectingTheCurrentVersion() {
        CampaignCommand.Builder current = Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("x"));
        current.getMetadataBuilder().setExpectedVersion(2);

        assertThat(d.result(d.send(current)).getVersion()).isEqualTo(3);
    }

    @Test
    void shouldNotApplyACommandWhoseDeadlinePassedBeforeItWasProcessed() {
        CampaignCommand.Builder late = Commands.cancel(CAMPAIGN);
        late.getMetadataBuilder().setDeadline(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 1));

        CommandResult r = d.result(d.send(late));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED);
        assertThat(r.getVersion()).isEqualTo(2);
        assertThat(d.campaignEventsWritten()).isEmpty();
        assertThat(d.result(d.send(Commands.start(CAMPAIGN))).hasAccepted()).as("still a draft").isTrue();
    }

    @Test
    void shouldApplyACommandWhoseDeadlineIsStillAhead() {
        CampaignCommand.Builder timely = Commands.cancel(CAMPAIGN);
        timely.getMetadataBuilder().setDeadline(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 10_000));

        assertThat(d.result(d.send(timely)).hasAccepted()).isTrue();
    }
}
