package dev.pidgr.command.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.store.ParkedCommand;
import dev.pidgr.command.store.ParkingShare;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parking lot is a changelogged store written in each command's transaction: an instance that
 * restores it into an empty state directory holds the same waiting commands, with what they wait
 * for, the refusal they were decided with and their organization's share, and carries on from there.
 */
class ParkingRestartOnRealKafkaTest {

    private static final String TEMPLATE = Ids.uuid5("restart-template");
    private static final String CAMPAIGN = Ids.uuid5("restart-campaign");

    @Test
    void shouldKeepWaitingCommandsAndWhatTheyWaitForWhenTheLotIsRestoredIntoAnEmptyStateDirectory() throws Exception {
        try (RealBroker kafka =
                new RealBroker(CommandSettings.defaults().withTemplateLookupGrace(Duration.ofMinutes(10)))) {
            long now = System.currentTimeMillis();
            String create =
                    kafka.send(issuedAt(now, Commands.create(CAMPAIGN, Commands.createCampaign(TEMPLATE, 50_000))));
            String start = kafka.send(issuedAt(now, Commands.start(CAMPAIGN)));
            Map<String, byte[]> before = awaitParked(kafka, 2);

            kafka.restartWithEmptyState();
            Map<String, byte[]> restored = kafka.parkingLot();
            kafka.await(kafka.send(Commands.createTemplate(
                            TEMPLATE, CreateTemplate.newBuilder().setName("t").setBody("Hi"))
                    .build()));
            CommandResult created = kafka.await(create);
            CommandResult started = kafka.await(start);

            assertThat(restored).containsOnlyKeys(before.keySet());
            assertThat(restored).allSatisfy((key, value) -> assertThat(value).as(key).isEqualTo(before.get(key)));
            ParkedCommand head = ParkedCommand.parseFrom(restored.get("q/" + String.format("%019d", 1)));
            assertThat(head.getWatch().getTemplateId()).isEqualTo(TEMPLATE);
            assertThat(head.getWakeAtMs()).isEqualTo(now + Duration.ofMinutes(10).toMillis());
            assertThat(ParkingShare.parseFrom(restored.get("o/" + Commands.ORG)).getCommands()).isEqualTo(2);
            assertThat(created.getAccepted().getCampaign().getTotalRecipients()).as("%s", created).isEqualTo(50_000);
            assertThat(started.getVersion()).as("%s", started).isEqualTo(created.getVersion() + 1);
            assertThat(kafka.parkingLot()).containsOnlyKeys("n");
        }
    }

    private static CampaignCommand issuedAt(long millis, CampaignCommand.Builder command) {
        command.getMetadataBuilder().setIssuedAt(Timestamps.fromMillis(millis));
        return command.build();
    }

    /**
     * The lot once {@code commands} commands are parked in it (waiting up to a generous timeout, no assertion on time).
     */
    private static Map<String, byte[]> awaitParked(RealBroker kafka, int commands) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Map<String, byte[]> lot = kafka.parkingLot();
            if (lot.keySet().stream().filter(k -> k.startsWith("q/")).count() == commands
                    || System.currentTimeMillis() > deadline) {
                return lot;
            }
            Thread.sleep(50);
        }
    }
}
