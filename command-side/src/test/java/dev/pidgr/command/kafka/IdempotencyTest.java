package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.OTHER_CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static dev.pidgr.command.testing.Commands.keyed;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.UpdateCampaign;
import dev.pidgr.events.v1.UpdateTemplate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private final CommandDriver d =
            new CommandDriver(CommandSettings.defaults().withIdempotencyTtl(Duration.ofHours(24)));

    @AfterEach
    void close() {
        d.close();
    }

    private static CampaignCommand.Builder withKey(CampaignCommand.Builder command, String key, String request) {
        return command.setMetadata(keyed(command.getMetadata(), key, request));
    }

    private void draft() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)));
        d.campaignEventsWritten();
    }

    @Test
    void shouldAnswerARetryWithTheFirstResultUnderTheNewCommandIdAndChangeNothing() {
        draft();
        CommandResult first = d.result(d.send(
                withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("A")), "k1", "req-A")));
        d.campaignEventsWritten();

        String retryId = d.send(
                withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("A")), "k1", "req-A"));
        CommandResult retry = d.result(retryId);

        assertThat(retry.getCommandId()).isEqualTo(retryId);
        assertThat(retry.toBuilder().setCommandId(first.getCommandId()).build()).isEqualTo(first);
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldRefuseAKeyReusedForADifferentRequestAsAlreadyExists() {
        draft();
        d.send(withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("A")), "k1", "req-A"));
        d.campaignEventsWritten();

        CommandResult r = d.result(d.send(
                withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("B")), "k1", "req-B")));

        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_ALREADY_EXISTS);
        assertThat(r.getRejected().getMessage())
                .contains("idempotency key was already used for a different UpdateCampaign request");
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldRememberARejectionAsTheFirstResponse() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 0)));
        CommandResult first = d.result(d.send(withKey(Commands.start(CAMPAIGN), "start-1", "start")));
        d.send(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("changed meanwhile")));

        CommandResult retry = d.result(d.send(withKey(Commands.start(CAMPAIGN), "start-1", "start")));

        assertThat(first.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(retry.getRejected()).isEqualTo(first.getRejected());
        assertThat(retry.getVersion()).isEqualTo(first.getVersion());
    }

    @Test
    void shouldNotRememberADeadlineExceededSoARetryLearnsTheRealOutcome() {
        draft();
        CampaignCommand.Builder late = withKey(Commands.cancel(CAMPAIGN), "cancel-1", "cancel");
        late.getMetadataBuilder().setDeadline(Timestamps.fromMillis(CommandDriver.START.toEpochMilli()));

        CommandResult first = d.result(d.send(late));
        CommandResult retry = d.result(d.send(withKey(Commands.cancel(CAMPAIGN), "cancel-1", "cancel")));

        assertThat(first.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED);
        assertThat(retry.hasAccepted()).isTrue();
    }

    @Test
    void shouldScopeKeysToTheirCampaign() {
        draft();
        d.send(Commands.create(OTHER_CAMPAIGN, createCampaign(TEMPLATE, 1)));
        d.send(withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("A")), "shared", "req-A"));

        CommandResult other = d.result(d.send(withKey(
                Commands.update(OTHER_CAMPAIGN, UpdateCampaign.newBuilder().setName("B")), "shared", "req-B")));

        assertThat(other.hasAccepted()).isTrue();
        assertThat(other.getAccepted().getCampaign().getName()).isEqualTo("B");
    }

    @Test
    void shouldForgetKeysAfterTheTtl() {
        draft();
        d.send(withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("A")), "k1", "req-A"));
        d.advance(Duration.ofHours(25));

        CommandResult later = d.result(d.send(
                withKey(Commands.update(CAMPAIGN, UpdateCampaign.newBuilder().setName("B")), "k1", "req-B")));

        assertThat(later.hasAccepted()).isTrue();
        try (var entries = d.store(StoreNames.CAMPAIGN_IDEMPOTENCY).all()) {
            assertThat(entries).toIterable().hasSize(2);
        }
    }

    @Test
    void shouldAnswerARetriedCreateFromMemoryAndADifferentCreateForTheSameIdAsAlreadyExists() {
        d.send(Fixtures.greetingTemplate());
        CommandResult first = d.result(
                d.send(withKey(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)), "create-1", "create-2")));

        CommandResult retry = d.result(
                d.send(withKey(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)), "create-1", "create-2")));
        CommandResult different = d.result(
                d.send(withKey(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 5)), "create-1", "create-5")));
        CommandResult keyless = d.result(d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2))));

        assertThat(retry.getAccepted()).isEqualTo(first.getAccepted());
        assertThat(different.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_ALREADY_EXISTS);
        assertThat(keyless.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_ALREADY_EXISTS);
    }

    @Test
    void shouldAnswerARetriedTemplateUpdateFromMemory() {
        d.send(Fixtures.greetingTemplate());
        var update = Commands.updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("v2"));
        update.setMetadata(keyed(update.getMetadata(), "t-1", "v2"));
        CommandResult first = d.result(d.send(update));
        var again = Commands.updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("v2"));
        again.setMetadata(keyed(again.getMetadata(), "t-1", "v2"));

        CommandResult retry = d.result(d.send(again));

        assertThat(retry.getAccepted()).isEqualTo(first.getAccepted());
        assertThat(d.templateEventsWritten()).extracting(e -> e.getVersion()).containsExactly(1L, 2L);
    }

    @Test
    void shouldReplayTheRefusalAWaitingCommandGotAtGraceEndToARetryWithItsKey() {
        String first = d.send(withKey(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)), "k1", "req-A"));
        d.advance(Duration.ofMillis(2_100));
        CommandResult refused = d.result(first);
        assertThat(refused.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);

        CommandResult retry =
                d.result(d.send(withKey(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)), "k1", "req-A")));

        assertThat(retry.toBuilder().setCommandId(first).build()).isEqualTo(refused);
    }
}
