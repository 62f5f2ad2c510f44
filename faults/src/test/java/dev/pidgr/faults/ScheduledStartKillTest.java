package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FaultInfra;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The workflow process is killed with SIGKILL twice around a scheduled start: a moment before it is due (the timer
 * must come back from the restored store) and the moment it is due, or ready again if that is later (the timer's
 * command and its removal commit together or not at all). The campaign must start exactly once, at or after
 * start_at, and notify every member once. The clients' one-minute rule stays: the test writes the StartCampaign
 * itself, as the gateway would, with an issued_at 52 s in the past, so start_at is 60 s after it but due in 8 s.
 */
class ScheduledStartKillTest {

    private static final String ORG = "org-scheduled-kill";
    private static final int MEMBERS = 300;
    /** The minimum clients get (docs/api.md, "Scheduled start"): the gateway's issued_at is this far before. */
    private static final Duration LEAD = Duration.ofSeconds(60);
    private static final Duration DUE_IN = Duration.ofSeconds(8);

    @Test
    void shouldStartExactlyOnceAtOrAfterStartAtWhenTheWorkflowProcessIsKilledAroundIt() {
        try (Deployment deployment = new Deployment("scheduled-kill", 3, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            // The killed process never leaves the group: a 6 s session (not 45 s) lets its restart take over sooner.
            deployment.withEnvironment(Map.of("PIDGR_KAFKA_PROPERTIES", String.join("\n",
                    "workflow:main.consumer.session.timeout.ms=6000",
                    "workflow:main.consumer.heartbeat.interval.ms=1000")));
            Serve workflow = deployment.serve("workflow", "workflow").awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(node.grpcPort(), ORG)) {
                List<String> users = Requests.users(MEMBERS);
                String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
                String campaignId = api.campaigns()
                        .createCampaign(Requests.campaign("Scheduled", templateId, users, null))
                        .getCampaign().getId();
                Instant startAt = Instant.now().plus(DUE_IN);
                schedule(deployment, campaignId, startAt);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> campaign(api, campaignId).getStatus()
                                == CampaignStatus.CAMPAIGN_STATUS_SCHEDULED);

                Sleep.millis(Math.max(0, Duration.between(Instant.now(), startAt).toMillis() - 2_000));
                workflow.kill();
                workflow.start().awaitReady(Deployment.START_LIMIT);
                Sleep.millis(Math.max(0, Duration.between(Instant.now(), startAt).toMillis()));
                workflow.kill();
                boolean startedWhileDown =
                        campaign(api, campaignId).getStatus() != CampaignStatus.CAMPAIGN_STATUS_SCHEDULED;
                workflow.start().awaitReady(Deployment.START_LIMIT);
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                        .until(() -> campaign(api, campaignId).getStatus()
                                == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);

                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                assertThat(fold.starts).hasSize(1);
                CampaignEvent started = fold.starts.getFirst();
                Instant startedAt = instant(started.getStarted().getStartedAt());
                assertThat(startedAt).isAfterOrEqualTo(startAt);
                assertThat(started.getActor()).isEqualTo("system:workflow");
                FoldChecks.assertExactlyOnce(fold, users);
                FoldChecks.assertApiEqualsFold(api, fold);
                Report.line("ScheduledStartKillTest", "%d members, SIGKILL of the workflow process 2 s before and at"
                        + " the scheduled start (CampaignStarted written before the second kill: %s): one"
                        + " CampaignStarted, %d ms after"
                        + " start_at, every member notified once", MEMBERS, startedWhileDown,
                        Duration.between(startAt, startedAt).toMillis());
            }
        }
    }

    /** StartCampaign with start_at as the gateway would write it, accepted {@link #LEAD} before start_at. */
    private static void schedule(Deployment deployment, String campaignId, Instant startAt) {
        String commandId = UUID.randomUUID().toString();
        CampaignCommand command = CampaignCommand.newBuilder()
                .setCampaignId(campaignId)
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(commandId)
                        .setOrganizationId(ORG)
                        .setActor("fault-test")
                        .setIssuedAt(timestamp(startAt.minus(LEAD)))
                        .setRpc("StartCampaign"))
                .setStartCampaign(StartCampaign.newBuilder().setStartAt(timestamp(startAt)))
                .build();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Headers headers = EventHeaders.of(command, commandId);
            headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
            producer.send(new ProducerRecord<>(deployment.topics.campaignCommands().name(), null, campaignId,
                    command.toByteArray(), headers)).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("could not write the scheduled StartCampaign", e);
        }
    }

    private static Campaign campaign(Api api, String id) {
        return api.campaigns().getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
