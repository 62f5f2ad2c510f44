package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.OTHER_CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command waiting for its template is decided again only when something it looked up in the
 * catalog changed: not on every retry tick. Decisions are counted per command id; each one loads
 * the audience and runs the decider.
 */
class ParkedCommandCostTest {

    private static final Duration TICK = CommandSettings.defaults().parkingRetryInterval();

    private final CountingPlanner plans = new CountingPlanner();
    private final CommandDriver d = new CommandDriver(CommandSettings.defaults(), plans);

    @AfterEach
    void close() {
        d.close();
    }

    /** Lets wall-clock time pass tick by tick, as a running instance does. */
    private void waitFor(Duration time) {
        for (long t = 0; t < time.toMillis(); t += TICK.toMillis()) {
            d.advance(TICK);
        }
    }

    @Test
    void shouldDecideAWaitingCreateOnceWhileItsTemplateIsAbsent() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5_000)));

        waitFor(Duration.ofMillis(1_900));

        assertThat(d.result(create)).as("still waiting").isNull();
        assertThat(plans.of(create)).isEqualTo(1);
    }

    @Test
    void shouldDecideAWaitingCreateAtTheFirstTickAfterItsTemplateArrives() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5_000)));
        waitFor(Duration.ofMillis(500));

        d.send(Fixtures.greetingTemplate());
        d.advance(TICK);

        CommandResult r = d.result(create);
        assertThat(r.hasAccepted()).as("%s", r).isTrue();
        assertThat(r.getAccepted().getCampaign().getTotalRecipients()).isEqualTo(5_000);
        assertThat(plans.of(create)).isEqualTo(2);
    }

    @Test
    void shouldAnswerAtGraceEndWithTheRejectionItWasDecidedWithAndNotDecideAgain() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5_000)));

        waitFor(Duration.ofMillis(2_100));

        CommandResult r = d.result(create);
        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(r.getRejected().getMessage()).isEqualTo("template \"" + TEMPLATE + "\" does not exist");
        assertThat(r.getRejected().getViolationsList()).singleElement()
                .satisfies(v -> assertThat(v.getField()).isEqualTo("template_id"));
        assertThat(plans.of(create)).isEqualTo(1);
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldAnswerAtGraceEndWithWhatTheCatalogSaysThenWhenALookupChangedMeanwhile() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5).setTemplateVersion(3)));
        waitFor(Duration.ofMillis(500));

        d.send(Fixtures.greetingTemplate());
        waitFor(Duration.ofMillis(1_600));

        CommandResult r = d.result(create);
        assertThat(r.getRejected().getMessage()).isEqualTo("template \"" + TEMPLATE + "\" has no version 3");
        assertThat(r.getRejected().getViolations(0).getField()).isEqualTo("template_version");
        assertThat(plans.of(create)).as("at arrival, and once at grace end because version 1 appeared").isEqualTo(2);
    }

    @Test
    void shouldAnswerDeadlineExceededWhenTheDeadlinePassesWhileWaitingWithoutDecidingAgain() {
        CampaignCommand.Builder command = Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5_000));
        command.getMetadataBuilder().setDeadline(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 500));
        String create = d.send(command);

        waitFor(Duration.ofMillis(600));

        assertThat(d.result(create).getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED);
        assertThat(plans.of(create)).isEqualTo(1);
    }

    @Test
    void shouldDecideAnotherOrganizationsCommandAtOnceWhileOneOrganizationHasManyLargeCreatesWaiting() {
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(d.send(Commands.create(
                    Ids.uuid5("a-campaign-" + i), createCampaign(Ids.uuid5("no-template-" + i), 5_000))));
        }
        waitFor(Duration.ofMillis(1_000));
        d.send(otherOrganization(Fixtures.greetingTemplate()));

        String other = d.send(otherOrganization(Commands.create(OTHER_CAMPAIGN, createCampaign(TEMPLATE, 10))));
        waitFor(Duration.ofMillis(500));

        assertThat(d.result(other).hasAccepted()).as("%s", d.result(other)).isTrue();
        assertThat(waiting).allSatisfy(id -> assertThat(d.result(id)).isNull());
        assertThat(plans.total()).as("one decision per command").isEqualTo(21);
    }

    private static dev.pidgr.events.v1.TemplateCommand.Builder otherOrganization(
            dev.pidgr.events.v1.TemplateCommand.Builder c) {
        c.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);
        return c;
    }

    private static CampaignCommand.Builder otherOrganization(CampaignCommand.Builder c) {
        c.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);
        return c;
    }
}
