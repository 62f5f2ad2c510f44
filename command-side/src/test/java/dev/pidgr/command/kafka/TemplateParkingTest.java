package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.OTHER_CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.store.AudienceChunk;
import dev.pidgr.command.store.ParkedCommand;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Limits;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.RejectionCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A template created a moment ago may not be in the catalog yet: campaign commands wait for it, briefly. */
class TemplateParkingTest {

    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void shouldWaitForATemplateThatAppearsWithinTheGracePeriod() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)));
        d.advance(Duration.ofMillis(300));
        assertThat(d.result(create)).as("no answer while waiting").isNull();

        d.send(Fixtures.greetingTemplate());
        d.advance(Duration.ofMillis(50));

        CommandResult r = d.result(create);
        assertThat(r.hasAccepted()).as("%s", r).isTrue();
        assertThat(r.getAccepted().getCampaign().getTemplateVersion()).isEqualTo(1);
    }

    @Test
    void shouldRejectWhenTheTemplateHasNotAppearedWhenTheGracePeriodEnds() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)));
        d.advance(Duration.ofMillis(1900));
        assertThat(d.result(create)).isNull();

        d.advance(Duration.ofMillis(200));

        CommandResult r = d.result(create);
        assertThat(r.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION);
        assertThat(r.getRejected().getMessage()).isEqualTo("template \"" + TEMPLATE + "\" does not exist");
        assertThat(r.getRejected().getViolations(0).getField()).isEqualTo("template_id");
        assertThat(d.campaignEventsWritten()).isEmpty();
    }

    @Test
    void shouldKeepLaterCommandsOfTheCampaignWaitingBehindInArrivalOrder() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)));
        String start = d.send(Commands.start(CAMPAIGN));
        String cancel = d.send(Commands.cancel(CAMPAIGN));
        assertThat(d.allResults()).isEmpty();

        d.send(Fixtures.greetingTemplate());
        d.advance(Duration.ofMillis(50));

        assertThat(d.allResults()).filteredOn(r -> r.getAggregateId().equals(CAMPAIGN))
                .extracting(CommandResult::getCommandId).containsExactly(create, start, cancel);
        assertThat(d.result(cancel).getAccepted().getCampaign().getStatus())
                .isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CANCELLED);
        assertThat(d.campaignEventsWritten()).extracting(CampaignEvent::getVersion).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldNotHoldUpOtherCampaigns() {
        d.send(Fixtures.greetingTemplate());
        String waiting = d.send(Commands.create(CAMPAIGN, createCampaign("7b2e9f0a-1c3d-4e5f-8a6b-7c8d9e0f1a2b", 1)));

        String other = d.send(Commands.create(OTHER_CAMPAIGN, createCampaign(TEMPLATE, 1)));

        assertThat(d.result(other).hasAccepted()).isTrue();
        assertThat(d.result(waiting)).isNull();
    }

    @Test
    void shouldAnswerDeadlineExceededForACommandWhoseDeadlinePassesWhileItWaits() {
        CampaignCommand.Builder command = Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1));
        command.getMetadataBuilder().setDeadline(Timestamps.fromMillis(CommandDriver.START.toEpochMilli() + 500));
        String create = d.send(command);

        d.advance(Duration.ofMillis(600));

        assertThat(d.result(create).getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED);
    }

    @Test
    void shouldParkA100000MemberCreateInChunksAndCreateItWhole() {
        String create = d.send(Commands.create(
                CAMPAIGN,
                CreateCampaign.newBuilder()
                        .setName("Everyone")
                        .setTemplateId(TEMPLATE)
                        .addAllAudience(LargeAudienceTest.audience())));

        try (KeyValueIterator<String, byte[]> parked = d.store(StoreNames.CAMPAIGN_PARKING).all()) {
            assertThat(parked).toIterable().hasSizeGreaterThan(3)
                    .allSatisfy(e -> assertThat(e.value.length).isLessThanOrEqualTo(Limits.AUDIENCE_CHUNK_MAX_BYTES));
        }
        d.send(Fixtures.greetingTemplate());
        d.advance(Duration.ofMillis(50));

        assertThat(d.result(create).getAccepted().getCampaign().getTotalRecipients()).isEqualTo(100_000);
        List<CampaignEvent> events = d.campaignEventsWritten();
        assertThat(events.stream().mapToInt(e -> e.getAudienceAdded().getMembersCount()).sum()).isEqualTo(100_000);
        try (KeyValueIterator<String, byte[]> parked = d.store(StoreNames.CAMPAIGN_PARKING).all()) {
            assertThat(parked).toIterable().extracting(e -> e.key).containsExactly("n");
        }
    }

    @Test
    void shouldDecideACommandParkedInTheLayoutOfTheEarlierRelease() {
        CampaignCommand create = Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 2)).build();
        KeyValueStore<String, byte[]> lot = d.store(StoreNames.CAMPAIGN_PARKING);
        String seq = String.format("%019d", 1);
        lot.put("n", ByteBuffer.allocate(Long.BYTES).putLong(1).array());
        lot.put(
                "a/" + seq + "/00000",
                AudienceChunk.newBuilder()
                        .addAllMembers(create.getCreateCampaign().getAudienceList())
                        .build()
                        .toByteArray());
        lot.put(
                "q/" + seq,
                ParkedCommand.newBuilder()
                        .setAudienceChunkCount(1)
                        .setRecordTimestampMs(CommandDriver.START.toEpochMilli())
                        .setCommand(create.toBuilder()
                                .setCreateCampaign(
                                        create.getCreateCampaign().toBuilder().clearAudience()))
                        .build()
                        .toByteArray());
        lot.put("c/" + CAMPAIGN, ByteBuffer.allocate(Integer.BYTES).putInt(1).array());
        String start = d.send(Commands.start(CAMPAIGN));

        d.send(Fixtures.greetingTemplate());
        d.advance(Duration.ofMillis(50));

        assertThat(d.allResults()).filteredOn(r -> r.getAggregateId().equals(CAMPAIGN))
                .extracting(CommandResult::getCommandId).containsExactly(create.getMetadata().getCommandId(), start);
        assertThat(d.result(start).getAccepted().getCampaign().getTotalRecipients()).isEqualTo(2);
        try (KeyValueIterator<String, byte[]> parked = d.store(StoreNames.CAMPAIGN_PARKING).all()) {
            assertThat(parked).toIterable().extracting(e -> e.key).containsExactly("n");
        }
    }
}
