package dev.pidgr.command.kafka;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One organization's waiting commands cannot fill the parking lot: each organization has a share of it. */
class ParkingShareTest {

    private static final int SHARE = 100;

    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private static String campaign(int i) {
        return Ids.uuid5("campaign-" + i);
    }

    private static String template(int i) {
        return Ids.uuid5("template-" + i);
    }

    /** Fills the organization's share with creates waiting for templates that do not exist. */
    private void fillTheShare() {
        for (int i = 0; i < SHARE; i++) {
            d.send(Commands.create(campaign(i), createCampaign(template(i), 3)));
        }
        assertThat(d.allResults()).isEmpty();
    }

    @Test
    void shouldAnswerACommandThatWouldWaitBeyondTheShareAtOnceWithItsRejection() {
        fillTheShare();

        CommandResult r = d.result(d.send(Commands.create(campaign(SHARE), createCampaign(template(SHARE), 3))));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(r.getRejected().getMessage()).isEqualTo("template \"" + template(SHARE) + "\" does not exist"
                + " (not waited for: too many commands of this organization are waiting for templates)");
        assertThat(r.getRejected().getViolationsList()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("template_id");
            assertThat(v.getDescription()).isEqualTo("template \"" + template(SHARE) + "\" does not exist");
        });
    }

    @Test
    void shouldRefuseACommandQueuedBehindAWaitingOneWhenTheShareIsFull() {
        fillTheShare();

        CommandResult r = d.result(d.send(Commands.start(campaign(0))));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(r.getRejected().getMessage()).isEqualTo("campaign " + campaign(0) + " has an earlier command waiting"
                + " for its template, and too many commands of this organization are waiting; send this command again"
                + " once that one is answered");
    }

    @Test
    void shouldLetAnotherOrganizationsCommandWaitWhileOneOrganizationsShareIsFull() {
        fillTheShare();
        CampaignCommand.Builder other = Commands.create(campaign(SHARE), createCampaign(template(SHARE), 3));
        other.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);

        String waiting = d.send(other);
        d.send(Commands.createTemplate(template(SHARE), Fixtures.greetingTemplate().getCreateTemplate().toBuilder())
                .setMetadata(other.getMetadata().toBuilder().setRpc("CreateTemplate").setCommandId(Ids.uuid5("t"))));
        d.advance(Duration.ofMillis(50));

        assertThat(d.result(waiting).hasAccepted()).as("%s", d.result(waiting)).isTrue();
    }

    @Test
    void shouldGiveTheShareBackWhenTheWaitingCommandsAreAnswered() {
        fillTheShare();
        d.advance(Duration.ofMillis(2_100));
        assertThat(d.allResults()).hasSize(SHARE);

        CampaignCommand.Builder create = Commands.create(campaign(SHARE), createCampaign(template(SHARE), 3));
        create.getMetadataBuilder().setIssuedAt(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 2_100));
        String later = d.send(create);

        assertThat(d.result(later)).as("waits again").isNull();
    }

    @Test
    void shouldAnswerACommandLargerThanWhatIsLeftOfTheShareAtOnce() {
        long size = Commands.create(campaign(0), createCampaign(template(0), 5_000)).build().getSerializedSize();
        try (CommandDriver small = new CommandDriver(CommandSettings.defaults()
                .withParkingCap(new CommandSettings.ParkingCap(SHARE, 2 * size + size / 2)))) {
            String first = small.send(Commands.create(campaign(0), createCampaign(template(0), 5_000)));
            String second = small.send(Commands.create(campaign(1), createCampaign(template(1), 5_000)));

            CommandResult third =
                    small.result(small.send(Commands.create(campaign(2), createCampaign(template(2), 5_000))));

            assertThat(small.result(first)).isNull();
            assertThat(small.result(second)).isNull();
            assertThat(third.getRejected().getMessage())
                    .startsWith("template \"" + template(2) + "\" does not exist (not waited for");
        }
    }

    @Test
    void shouldDecideARetryWithTheSameIdempotencyKeyAfreshOnceTheShareHasRoom() {
        fillTheShare();
        CampaignCommand.Builder refused = Commands.create(campaign(SHARE), createCampaign(template(SHARE), 3));
        refused.setMetadata(Commands.keyed(refused.getMetadata(), "k1", "create-" + SHARE));
        assertThat(d.result(d.send(refused)).getRejected().getMessage()).contains("not waited for");
        d.advance(Duration.ofMillis(2_100));

        CampaignCommand.Builder retry = refused.clone();
        retry.getMetadataBuilder().setCommandId(Ids.uuid5("retry"))
                .setIssuedAt(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 2_100));
        String again = d.send(retry);

        assertThat(d.result(again)).as("waits for its template instead of replaying the refusal").isNull();
    }
}
