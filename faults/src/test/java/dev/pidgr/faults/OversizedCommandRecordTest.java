package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.PoisonProducer;
import dev.pidgr.faults.support.PoisonProducer.Poison;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.TopicReader;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A command record as large as its topic allows (64 MiB + 1 KiB) that the command side cannot read
 * is parked like any other, and the command side goes on. Its dead-letter copy (the same bytes plus
 * two headers, zstd-compressed again) is a little larger than the record itself, which is why
 * dead-letter topics accept more than any input topic (TopicAdmin, Limits.MAX_DEAD_LETTER_RECORD_BYTES).
 */
class OversizedCommandRecordTest {

    @Test
    void shouldParkACommandRecordAsLargeAsItsTopicAllowsAndGoOn() {
        try (Deployment deployment = new Deployment("oversized-command", 3, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            try (Api api = new Api(node.grpcPort(), "org-oversized"); PoisonProducer producer = new PoisonProducer()) {
                String campaignId = UUID.randomUUID().toString();
                String commandId = UUID.randomUUID().toString();
                CampaignCommand envelope = CampaignCommand.newBuilder()
                        .setCampaignId(campaignId)
                        .setMetadata(CommandMetadata.newBuilder()
                                .setCommandId(commandId)
                                .setOrganizationId("org-oversized")
                                .setActor("rogue")
                                .setRpc("Poison")
                                .setIssuedAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000)))
                        .build();
                Poison poison = producer.oversized(
                        deployment.topics.campaignCommands().name(), campaignId, envelope, commandId);

                String templateId = api.templates()
                        .createTemplate(Requests.template("After the big one"))
                        .getTemplate()
                        .getId();

                assertThat(templateId).isNotBlank();
                assertThat(node.failure()).isEmpty();
                assertThat(TopicReader.committed(deployment.topics.deadLetter(deployment.topics.campaignCommands())))
                        .extracting(r -> PoisonProducer.sha256(r.value())).containsExactly(poison.sha256());
                Report.line("OversizedCommandRecordTest", "a command record at its topic's size limit parked on the "
                        + "dead-letter topic byte for byte; the command side went on and answered the next command");
            }
        }
    }
}
