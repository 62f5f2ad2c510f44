package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Child;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FanOutWatch;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.Offsets;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Sleep;
import dev.pidgr.faults.support.TopicReader;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two workflow processes share the work. The one walking a campaign is frozen with SIGSTOP in the
 * middle of its fan-out, with a transaction open, for longer than its transaction timeout and its
 * session timeout: the broker aborts the transaction, the other process takes the campaign over.
 * Then SIGCONT: the zombie wakes up holding a transaction that no longer exists, and is fenced.
 * A read_committed reader must never see a record of the aborted transaction or a duplicate.
 */
class ZombieWorkflowTest {

    private static final int MEMBERS = Profile.outageMembers();
    private static final int PARTITIONS = 3;
    private static final String TRANSACTION_TIMEOUT_MS = "3000";
    private static final String SESSION_TIMEOUT_MS = "6000";

    @Test
    void shouldShowNoDuplicateAndNoTornTransactionWhenAPausedProcessorWakesUpAfterItsTransactionTimedOut() {
        try (Deployment deployment = new Deployment("zombie", PARTITIONS, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            deployment.withEnvironment(Map.of("PIDGR_KAFKA_PROPERTIES", String.join("\n",
                    "workflow:producer.transaction.timeout.ms=" + TRANSACTION_TIMEOUT_MS,
                    "workflow:main.consumer.session.timeout.ms=" + SESSION_TIMEOUT_MS,
                    "workflow:main.consumer.heartbeat.interval.ms=1000")));
            Child a = deployment.serve("workflow-a", "workflow").awaitReady(Deployment.START_LIMIT).child();
            Child b = deployment.serve("workflow-b", "workflow").awaitReady(Deployment.START_LIMIT).child();
            Sleep.millis(3_000); // both have joined: let the rebalance their second start caused settle
            try (Api api = new Api(node.grpcPort(), "org-zombie")) {
                List<String> users = Requests.users(MEMBERS);
                String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
                String campaignId = api.campaigns()
                        .createCampaign(Requests.campaign("Zombie", templateId, users, null))
                        .getCampaign()
                        .getId();
                TopicPartition partition =
                        Offsets.partitionOf(deployment.topics.deliveryEvents().name(), campaignId, PARTITIONS);
                int pauses;
                int atPause;
                Child owner;
                Child other;
                try (FanOutWatch watch = new FanOutWatch(deployment.topics, campaignId)) {
                    api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
                    String started = "Campaign " + campaignId + " started";
                    a.await(
                            "walking or not",
                            Duration.ofMinutes(2),
                            () -> a.logText().contains(started) || b.logText().contains(started));
                    owner = a.logText().contains(started) ? a : b;
                    other = owner == a ? b : a;
                    watch.awaitMoreThan(0, Duration.ofMinutes(2));
                    pauses = pauseWithATransactionOpen(owner, partition, watch);
                    atPause = watch.sent();
                    // The other process takes over: the fan-out goes on while the owner is still frozen.
                    watch.awaitMoreThan(atPause, Duration.ofMinutes(2));
                    assertThat(owner.isAlive()).isTrue();
                    owner.resume();
                }
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> api.campaigns()
                                        .getCampaign(GetCampaignRequest.newBuilder()
                                                .setId(campaignId)
                                                .build())
                                        .getCampaign()
                                        .getStatus()
                                == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
                owner.await("fenced", Duration.ofMinutes(1), () -> owner.logText().toLowerCase().contains("fenced"));

                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                FoldChecks.assertExactlyOnce(fold, users);
                long uncommittedNotifications =
                        TopicReader.readAll(deployment.topics.deliveryEvents().name(), IsolationLevel.READ_UNCOMMITTED)
                                .stream()
                                .filter(r -> campaignId.equals(r.key()))
                                .map(r -> deployment
                                        .topics
                                        .deliveryEvents()
                                        .valueSerde()
                                        .parse(r.value()))
                                .filter(e -> e.getPayloadCase() == DeliveryEvent.PayloadCase.NOTIFICATION_SENT)
                                .count();
                assertThat(uncommittedNotifications)
                        .as("the aborted transaction's records are in the log")
                        .isGreaterThan(MEMBERS);
                assertThat(owner.isAlive()).as("the zombie rejoined rather than died").isTrue();
                assertThat(other.isAlive()).isTrue();
                FoldChecks.assertApiEqualsFold(api, fold);
                Report.line(
                        "ZombieWorkflowTest",
                        "%d members; the walking process frozen (SIGSTOP, try %d) with a transaction open and %d"
                            + " notifications committed, past its transaction timeout (%s ms) and session timeout (%s"
                            + " ms); the other process took over; after SIGCONT the zombie was fenced;"
                            + " read_uncommitted shows %d NotificationSent (aborted ones included), read_committed"
                            + " exactly %d",
                        MEMBERS,
                        pauses,
                        atPause,
                        TRANSACTION_TIMEOUT_MS,
                        SESSION_TIMEOUT_MS,
                        uncommittedNotifications,
                        fold.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT).size());
            }
        }
    }

    /**
     * Freezes the process at a moment when its transaction has records on the campaign's partition
     * (the high watermark is past the last stable offset, and stays there): tries again a little
     * later when it happened to freeze between two transactions. Returns how many tries it took.
     */
    private static int pauseWithATransactionOpen(Child owner, TopicPartition partition, FanOutWatch watch) {
        for (int attempt = 1; attempt <= 100; attempt++) {
            assertThat(watch.sent()).as("still fanning out").isLessThan(MEMBERS);
            owner.pause();
            if (Offsets.openTransaction(partition)) {
                Sleep.millis(500);
                if (Offsets.openTransaction(partition)) {
                    return attempt;
                }
            }
            owner.resume();
            Sleep.millis(10 + attempt % 7 * 10);
        }
        throw new AssertionError("never caught the processor with a transaction open");
    }
}
