package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FanOutWatch;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Recipients;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The workflow processor's process is killed with SIGKILL in the middle of a large fan-out (three
 * times in the full version), and restarted each time on its state folder, while recipients open
 * and acknowledge their messages through the api. The other roles run in this JVM.
 */
class WorkflowKillTest {

    private static final int MEMBERS = Profile.fanOutMembers();
    private static final int KILLS = Profile.workflowKills();

    @Test
    void shouldDeliverExactlyOnceAndCountEveryAcknowledgementOnceWhenTheWorkflowProcessIsKilledDuringTheFanOut() {
        try (Deployment deployment = new Deployment("workflow-kill", 3, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            Serve workflow = deployment.serve("workflow", "workflow").awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(node.grpcPort(), "org-workflow-kill")) {
                List<String> users = Requests.users(MEMBERS);
                String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
                String campaignId = api.campaigns()
                        .createCampaign(Requests.campaign("Killed walker", templateId, users, null))
                        .getCampaign()
                        .getId();
                List<String> acknowledging = IntStream.range(0, MEMBERS)
                        .filter(i -> i % 5 == 0)
                        .mapToObj(users::get)
                        .toList();
                Set<String> opening = IntStream.range(0, MEMBERS)
                        .filter(i -> i % 10 == 0)
                        .mapToObj(users::get)
                        .collect(Collectors.toSet());
                long started = System.nanoTime();
                List<Integer> committedAtKills = new ArrayList<>();
                Recipients recipients;
                try (FanOutWatch watch = new FanOutWatch(deployment.topics, campaignId)) {
                    recipients = new Recipients(api, campaignId, acknowledging, opening, 4);
                    api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
                    int seen = 0;
                    for (int kill = 1; kill <= KILLS; kill++) {
                        seen = watch.awaitMoreThan(seen, Duration.ofMinutes(3));
                        workflow.kill();
                        Sleep.millis(1_000); // let the watch read everything committed before the kill
                        seen = watch.sent();
                        committedAtKills.add(seen);
                        assertThat(seen)
                                .as("notifications committed at kill %d: in the middle of the fan-out", kill)
                                .isLessThan(MEMBERS);
                        workflow.start().awaitReady(Deployment.START_LIMIT);
                    }
                }
                await().atMost(Duration.ofMinutes(5))
                        .until(() -> api.campaigns()
                                        .getCampaign(GetCampaignRequest.newBuilder()
                                                .setId(campaignId)
                                                .build())
                                        .getCampaign()
                                        .getStatus()
                                == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
                recipients.awaitDone(Duration.ofMinutes(5));
                long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();

                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                FoldChecks.assertExactlyOnce(fold, users);
                assertThat(fold.status).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
                assertThat(recipients.acknowledged()).containsExactlyInAnyOrderElementsOf(acknowledging);
                assertThat(fold.deliveries.values()).allSatisfy(d -> {
                    assertThat(d.acknowledgements())
                            .as("acknowledgements of %s", d.userId())
                            .isEqualTo(acknowledging.contains(d.userId()) ? 1 : 0);
                    assertThat(d.receipts())
                            .as("receipts of %s", d.userId())
                            .isEqualTo(opening.contains(d.userId()) ? 1 : 0);
                });
                assertThat(fold.count(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED)).isEqualTo(acknowledging.size());
                FoldChecks.assertApiEqualsFold(api, fold);
                Report.line(
                        "WorkflowKillTest",
                        "%d members, %d SIGKILLs of the workflow process with %s notifications committed; %d"
                                + " acknowledgements (%d opened first) counted once; completed and checked in %d s;"
                                + " recipients' retries %s",
                        MEMBERS,
                        KILLS,
                        committedAtKills,
                        acknowledging.size(),
                        opening.size(),
                        elapsed,
                        recipients.retries());
                recipients.close();
            }
        }
    }
}
