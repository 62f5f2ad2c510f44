package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FaultInfra;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.LogCapture;
import dev.pidgr.faults.support.PoisonProducer;
import dev.pidgr.faults.support.PoisonProducer.Poison;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.TopicReader;
import dev.pidgr.faults.support.WebhookEndpoint;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Garbage bytes, an envelope of an unknown kind, and an oversized record (as large as the topic
 * allows) on every topic pidgr reads, ahead of real work on the same partitions. Each lands where
 * docs/reliability.md says (a dead-letter topic, projection_skipped, a log line, or nowhere), and
 * the real work behind it is done.
 */
class PoisonRecordsTest {

    private static final String ORG = "org-poison";
    /** Room left under a command topic's limit for what parking adds (two headers, zstd framing of 64 MiB). */
    static final int COMMAND_DLQ_ROOM = 64 * 1024;

    @Test
    void shouldParkOrSkipPoisonOnEveryInputTopicAndGoOnProcessing() throws Exception {
        try (Deployment deployment = new Deployment("poison", 3, true);
             LogCapture logs = LogCapture.begin();
             WebhookEndpoint endpoint = new WebhookEndpoint()) {
            Node node = deployment.node(EnumSet.complementOf(EnumSet.of(Role.GATEWAY)));
            Topics t = deployment.topics;
            try (Api api = new Api(node.grpcPort(), ORG); PoisonProducer producer = new PoisonProducer()) {
                List<String> users = Requests.users(50);
                String templateId = api.templates().createTemplate(Requests.template("Before")).getTemplate().getId();
                String campaignId = api.campaigns()
                        .createCampaign(Requests.campaign(
                                "Behind the poison", templateId, users, Requests.sendThenWebhook(endpoint.url("/ok"))))
                        .getCampaign()
                        .getId();

                List<Poison> poison = poisonEveryInput(producer, t, campaignId, templateId);
                String laterTemplate = api.templates().createTemplate(Requests.template("After")).getTemplate().getId();
                String laterCampaign = api.campaigns()
                        .createCampaign(Requests.campaign("After the poison", laterTemplate, Requests.users(20), null))
                        .getCampaign()
                        .getId();
                for (String id : List.of(campaignId, laterCampaign)) {
                    api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
                }
                for (String id : List.of(campaignId, laterCampaign)) {
                    await().atMost(Duration.ofMinutes(3))
                            .until(() -> api.campaigns()
                                            .getCampaign(GetCampaignRequest.newBuilder()
                                                    .setId(id)
                                                    .build())
                                            .getCampaign()
                                            .getStatus()
                                    == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
                }

                CampaignFold fold = CampaignFold.of(t, campaignId);
                FoldChecks.assertExactlyOnce(fold, users);
                assertThat(fold.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED))
                        .singleElement()
                        .satisfies(e -> assertThat(
                                        e.getWebhookPageCalled().getOutcome().name())
                                .isEqualTo("WEBHOOK_OUTCOME_SUCCEEDED"));
                FoldChecks.assertApiEqualsFold(api, fold);
                FoldChecks.assertExactlyOnce(CampaignFold.of(t, laterCampaign), Requests.users(20));
                assertDeadLetters(t, poison);
                assertProjectionSkips(deployment, poison);
                assertRefusedCommands(t, poison);
                assertThat(logs.containing("template catalog: skipped an unreadable template event")).isNotEmpty();
                assertThat(logs.containing("template catalog: skipped template event")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(logs.containing("Unreadable template event with key " + templateId)).isNotEmpty();
                assertThat(logs.containing("has an unknown payload, skipped")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(api.health()).isEqualTo(ServingStatus.SERVING);
                Report.line(
                        "PoisonRecordsTest",
                        "%d poison records (garbage, unknown payload, oversized up to the topic's limit) on %d input"
                                + " topics; dead letters, projection_skipped rows and log lines as documented; the"
                                + " campaigns behind them completed exactly once",
                        poison.size(),
                        poison.stream().map(Poison::topic).distinct().count());
            }
        }
    }

    /** Three bad records on each topic a pidgr role reads, keyed like the real records they precede. */
    private static List<Poison> poisonEveryInput(PoisonProducer p, Topics t, String campaignId, String templateId) {
        List<Poison> all = new ArrayList<>();
        String unknownCampaign = UUID.randomUUID().toString();
        String unknownTemplate = UUID.randomUUID().toString();
        Timestamp now = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
        for (String kind : List.of("garbage", "unknown payload", "oversized")) {
            String commandId = UUID.randomUUID().toString();
            CommandMetadata metadata = CommandMetadata.newBuilder()
                    .setCommandId(commandId)
                    .setOrganizationId(ORG)
                    .setActor("rogue")
                    .setIssuedAt(now)
                    .setRpc("Poison")
                    .build();
            add(all, p, kind, t.campaignCommands().name(), campaignId, commandId,
                    CampaignCommand.newBuilder().setMetadata(metadata).setCampaignId(campaignId).build());
            String templateCommandId = UUID.randomUUID().toString();
            add(
                    all,
                    p,
                    kind,
                    t.templateCommands().name(),
                    templateId,
                    templateCommandId,
                    TemplateCommand.newBuilder()
                            .setMetadata(metadata.toBuilder().setCommandId(templateCommandId))
                            .setTemplateId(templateId)
                            .build());
            add(
                    all,
                    p,
                    kind,
                    t.campaignEvents().name(),
                    campaignId,
                    null,
                    CampaignEvent.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setCampaignId(unknownCampaign)
                            .setOrganizationId(ORG)
                            .setVersion(1)
                            .setOccurredAt(now)
                            .build());
            add(
                    all,
                    p,
                    kind,
                    t.templateEvents().name(),
                    templateId,
                    null,
                    TemplateEvent.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setTemplateId(unknownTemplate)
                            .setOrganizationId(ORG)
                            .setVersion(1)
                            .setOccurredAt(now)
                            .build());
            add(
                    all,
                    p,
                    kind,
                    t.deliveryEvents().name(),
                    campaignId,
                    null,
                    DeliveryEvent.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setCampaignId(unknownCampaign)
                            .setOrganizationId(ORG)
                            .setVersion(1)
                            .setOccurredAt(now)
                            .build());
            add(
                    all,
                    p,
                    kind,
                    t.deliveryInteractions().name(),
                    campaignId,
                    null,
                    DeliveryInteraction.newBuilder()
                            .setInteractionId(UUID.randomUUID().toString())
                            .setCampaignId(campaignId)
                            .setOrganizationId(ORG)
                            .setUserId("user-000000")
                            .setDeliveryId(Ids.deliveryId(campaignId, "user-000000"))
                            .setOccurredAt(now)
                            .build());
            add(
                    all,
                    p,
                    kind,
                    t.webhookResults().name(),
                    campaignId,
                    null,
                    WebhookResult.newBuilder()
                            .setCampaignId(unknownCampaign)
                            .setStepId("hook")
                            .setPage(1)
                            .build());
            add(all, p, kind, t.commandResults().name(), UUID.randomUUID().toString(), null, CommandResult.newBuilder()
                    .setCommandId(UUID.randomUUID().toString()).setAggregateId(unknownCampaign).build());
        }
        return all;
    }

    private static void add(List<Poison> all, PoisonProducer p, String kind, String topic, String key, String commandId,
                            com.google.protobuf.Message envelope) {
        all.add(switch (kind) {
            case "garbage" -> p.garbage(topic, key, commandId);
            case "unknown payload" -> p.unknownPayload(topic, key, envelope, commandId);
            // A command's dead-letter copy must fit its DLQ, whose limit is the command topic's: see
            // oversizedCommandBugTest.
            default -> p.oversized(topic, key, envelope, commandId, commandId == null ? 0 : COMMAND_DLQ_ROOM);
        });
    }

    /**
     * The command side parks every bad command; the workflow processor parks every bad campaign event
     * and interaction, and unreadable webhook results (a readable one for no pending page is ignored).
     * Nothing is parked for template events (global stores log and skip) or delivery events (the query
     * side records skips in PostgreSQL). Each dead letter carries the original bytes and says why and whence.
     */
    private static void assertDeadLetters(Topics t, List<Poison> poison) {
        Set<String> parked = new HashSet<>();
        for (String input : List.of(
                t.campaignCommands().name(),
                t.templateCommands().name(),
                t.campaignEvents().name(),
                t.templateEvents().name(),
                t.deliveryEvents().name(),
                t.deliveryInteractions().name(),
                t.webhookResults().name())) {
            for (ConsumerRecord<String, byte[]> letter : TopicReader.committed(input + ".dlq")) {
                String source = EventHeaders.read(letter.headers(), "pidgr-error-source");
                Poison original = poison.stream()
                        .filter(p -> source.equals(p.topic() + "/" + p.partition() + "@" + p.offset()))
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError("a dead letter from " + source + " that is no poison of ours"));
                assertThat(PoisonProducer.sha256(letter.value())).as(original.label()).isEqualTo(original.sha256());
                assertThat(letter.key()).isEqualTo(original.key());
                assertThat(EventHeaders.read(letter.headers(), PoisonProducer.HEADER)).isEqualTo(original.kind());
                assertThat(EventHeaders.read(letter.headers(), "pidgr-error")).isNotBlank();
                assertThat(parked.add(original.label())).as("parked once: %s", original.label()).isTrue();
            }
        }
        List<String> expected = new ArrayList<>();
        for (Poison p : poison) {
            boolean commands = p.topic().equals(t.campaignCommands().name())
                    || p.topic().equals(t.templateCommands().name());
            boolean workflowInput = p.topic().equals(t.campaignEvents().name())
                    || p.topic().equals(t.deliveryInteractions().name());
            boolean unreadableResult = p.topic().equals(t.webhookResults().name()) && p.kind().equals("garbage");
            if (commands || workflowInput || unreadableResult) {
                expected.add(p.label());
            }
        }
        assertThat(parked).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The query side records what it cannot apply: unreadable records, and events of aggregates it never saw. */
    private static void assertProjectionSkips(Deployment deployment, List<Poison> poison) throws Exception {
        Set<String> skipped = new HashSet<>();
        try (Connection c = FaultInfra.postgres().dataSource(deployment.database).getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT topic, partition_no, record_offset FROM pidgr.projection_skipped")) {
            while (r.next()) {
                skipped.add(r.getString(1) + "/" + r.getInt(2) + "@" + r.getLong(3));
            }
        }
        Topics t = deployment.topics;
        for (Poison p : poison) {
            String at = p.topic() + "/" + p.partition() + "@" + p.offset();
            boolean events = p.topic().equals(t.campaignEvents().name()) || p.topic().equals(t.templateEvents().name());
            boolean unreadableDelivery = p.topic().equals(t.deliveryEvents().name()) && p.kind().equals("garbage");
            assertThat(skipped.contains(at))
                    .as("%s recorded in projection_skipped", p.label())
                    .isEqualTo(events || unreadableDelivery);
        }
    }

    /** A waiting client learns its command was unreadable: each bad command with an id is answered INVALID_ARGUMENT. */
    private static void assertRefusedCommands(Topics t, List<Poison> poison) {
        List<CommandResult> results = TopicReader.committed(t.commandResults().name()).stream()
                .map(r -> {
                    try {
                        return CommandResult.parseFrom(r.value());
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        return null; // our own poison on the results topic
                    }
                }).filter(r -> r != null).toList();
        for (Poison p : poison) {
            if (p.commandId() != null) {
                assertThat(results)
                        .filteredOn(r -> r.getCommandId().equals(p.commandId()))
                        .as(p.label())
                        .singleElement()
                        .satisfies(r -> assertThat(r.getRejected().getCode())
                                .isEqualTo(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT));
            }
        }
    }
}
