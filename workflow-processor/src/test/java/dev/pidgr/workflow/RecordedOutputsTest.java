package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * What the workflow processor writes for a recorded script of inputs (campaign events, template
 * events, acknowledgements, reads and receipts, the clock moving), compared record by record
 * (topic, key, headers, every field) with what the version that recorded it wrote:
 * {@code src/test/resources/recorded/workflow-outputs.txt}. Analytics consumers and the query side
 * read these records, so a change here is a change of the event contract: a refactoring must leave
 * the file as it is; a deliberate change records it again
 * ({@code -Dpidgr.record=true}) and says so in docs/events.md. Every input id is fixed, so nothing
 * in the outputs varies between runs.
 */
class RecordedOutputsTest {

    private static final Path RECORDED = Path.of("src", "test", "resources", "recorded", "workflow-outputs.txt");
    private static final String CHAIN = "c0000000-0000-4000-8000-00000000c4a1";
    private static final String CANCELLED = "c0000000-0000-4000-8000-00000000ca9c";
    private static final String REMINDERS = "c0000000-0000-4000-8000-00000000e317";
    private static final String BROKEN = "c0000000-0000-4000-8000-00000000b40c";

    @Test
    void shouldWriteExactlyWhatTheRecordingVersionWrote() throws IOException {
        List<String> outputs = run();

        if (Boolean.getBoolean("pidgr.record")) {
            Files.createDirectories(RECORDED.getParent());
            Files.write(RECORDED, outputs, StandardCharsets.UTF_8);
        }
        List<String> recorded = Files.readAllLines(RECORDED, StandardCharsets.UTF_8);
        assertThat(outputs).hasSize(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(outputs.get(i)).as("output record %d", i + 1).isEqualTo(recorded.get(i));
        }
    }

    /**
     * The script: a deadline chain with interactions, a campaign cancelled mid-wait, repeated reminders, a step that
     * fails.
     */
    private static List<String> run() {
        int[] ids = {0};
        // A monotonic clock that stands still: the punctuation's work budget never runs out, so how much
        // is done per punctuation depends on the batch sizes only, not on this machine's speed.
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret(WorkflowDriver.SECRET)
                .withBatches(2, 1024 * 1024);
        try (WorkflowDriver driver = new WorkflowDriver(settings, () -> 0L)) {
            driver.template(Campaigns.template("Hi **{{name}}**, please read the policy."));

            List<String> users = Campaigns.users(6);
            WorkflowDefinition chain = Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "deadline")),
                    Campaigns.deadline("deadline", "1h", Map.of("completed", "remind")),
                    Campaigns.reminder("remind", "", "", Map.of("completed", "missed")),
                    Campaigns.missed("missed", Map.of()));
            start(driver, CHAIN, chain, users, ids);
            driver.settle();
            interact(driver, CHAIN, users.get(0), DeliveryInteraction.newBuilder()
                    .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")), ids);
            interact(
                    driver,
                    CHAIN,
                    users.get(1),
                    DeliveryInteraction.newBuilder().setRead(Read.getDefaultInstance()),
                    ids);
            interact(
                    driver,
                    CHAIN,
                    users.get(2),
                    DeliveryInteraction.newBuilder().setReceived(Received.getDefaultInstance()),
                    ids);
            interact(driver, CHAIN, users.get(0), DeliveryInteraction.newBuilder()
                    .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")), ids);
            driver.advance(Duration.ofMinutes(30));
            interact(driver, CHAIN, users.get(3), DeliveryInteraction.newBuilder()
                    .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")), ids);

            long next = start(driver, CANCELLED, chain, Campaigns.users(3), ids);
            driver.settle();
            driver.campaign(fixed(Campaigns.cancelled(CANCELLED, next, driver.now()), ids));

            WorkflowDefinition reminders = Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "remind")),
                    Campaigns.reminder("remind", "PT20M", "PT1H", Map.of("completed", "missed")),
                    Campaigns.missed("missed", Map.of()));
            start(driver, REMINDERS, reminders, Campaigns.users(4), ids);
            // Not durations: the step fails when entered, and so does the campaign.
            WorkflowDefinition broken = Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "remind")),
                    Campaigns.reminder("remind", "20m", "1h", Map.of()));
            start(driver, BROKEN, broken, Campaigns.users(2), ids);
            driver.settle();
            interact(driver, REMINDERS, "user-000001", DeliveryInteraction.newBuilder()
                    .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")), ids);

            for (int i = 0; i < 8; i++) {
                driver.advance(Duration.ofMinutes(15));
                driver.settle();
            }

            List<String> lines = new ArrayList<>();
            driver.events.forEach(r -> lines.add(line("delivery-events", r)));
            driver.pushRequests.forEach(r -> lines.add(line("notifications-push", r)));
            driver.commandRecords.forEach(r -> lines.add(line("campaign-commands", r)));
            driver.parked.forEach(r -> lines.add("campaign-events-dlq " + r.key()));
            return lines;
        }
    }

    private static long start(
            WorkflowDriver driver, String campaignId, WorkflowDefinition workflow, List<String> users, int[] ids) {
        List<CampaignEvent> created = Campaigns.created(campaignId, workflow, users, 3);
        created.forEach(e -> driver.campaign(fixed(e, ids)));
        driver.campaign(fixed(Campaigns.started(campaignId, created.size() + 1, workflow, driver.now()), ids));
        return created.size() + 2;
    }

    private static CampaignEvent fixed(CampaignEvent event, int[] ids) {
        return event.toBuilder().setEventId(id(ids)).setCommandId(id(ids)).build();
    }

    private static void interact(
            WorkflowDriver driver, String campaignId, String user, DeliveryInteraction.Builder interaction, int[] ids) {
        driver.interactAsGiven(campaignId, user, interaction.setInteractionId(id(ids)));
    }

    private static String id(int[] ids) {
        return new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L + ++ids[0]).toString();
    }

    private static String line(String topic, TestRecord<String, ? extends Message> record) {
        StringBuilder line = new StringBuilder(topic)
                .append(' ')
                .append(record.key())
                .append(' ')
                .append(record.timestamp());
        for (Header header : record.headers()) {
            line.append(' ').append(header.key()).append('=').append(header.value() == null ? "null"
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            return line.append(' ')
                    .append(JsonFormat.printer()
                            .omittingInsignificantWhitespace()
                            .print(record.value()))
                    .toString();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
