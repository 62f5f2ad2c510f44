package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.events.v1.NudgeFinished;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FanOutWatch;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Recipients;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Nudges under faults (docs/workflow.md, "Nudges"): the workflow process killed with SIGKILL in the middle of a
 * nudge's reminders and restarted on its state folder, while recipients acknowledge; and a nudge racing a cancel.
 */
class NudgeFaultsTest {

    private static final int MEMBERS = Profile.nudgeMembers();
    private static final int RATE = Profile.nudgeRate();

    @Test
    void shouldRemindEachSelectedDeliveryOnceAndSkipTheAcknowledgedWhenTheWorkflowIsKilledMidNudge() {
        try (Deployment deployment = new Deployment("nudge-kill", 3, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            Serve workflow = deployment.serve("workflow", "workflow").awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(node.grpcPort(), "org-nudge-kill")) {
                List<String> users = Requests.users(MEMBERS);
                String campaignId = startedAndSent(deployment, api, users);
                List<String> before = every(users, 10, 0);
                acknowledge(deployment, api, campaignId, before);

                int matched = api.campaigns().nudgeCampaign(NudgeCampaignRequest.newBuilder().setId(campaignId)
                        .setRatePerSecond(RATE).build()).getMatched();
                assertThat(matched).as("every delivery not acknowledged before").isEqualTo(MEMBERS - before.size());
                List<String> during = every(users, 10, 5);
                int remindedAtKill;
                try (FanOutWatch reminders = new FanOutWatch(deployment.topics, campaignId, PayloadCase.REMINDER_SENT);
                     Recipients acking = new Recipients(api, campaignId, during, Set.of(), 2)) {
                    remindedAtKill = reminders.awaitMoreThan(matched / 4, Duration.ofMinutes(3));
                    workflow.kill();
                    workflow.start().awaitReady(Deployment.START_LIMIT);
                    acking.awaitDone(Duration.ofMinutes(5));
                }
                NudgeFinished finished = awaitFinished(deployment, campaignId);

                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                Map<String, Long> reminded = fold.events(PayloadCase.REMINDER_SENT).stream()
                        .collect(Collectors.groupingBy(DeliveryEvent::getUserId, Collectors.counting()));
                assertThat(reminded.values()).as("reminders per delivery").containsOnly(1L);
                assertThat(reminded.keySet()).doesNotContainAnyElementsOf(before);
                assertThat(reminded).hasSize(finished.getReminded());
                assertThat(finished.getReminded() + finished.getSkipped()).isEqualTo(matched);
                assertThat(finished.getSkipped()).as("acknowledged during the nudge, before their turn")
                        .isLessThanOrEqualTo(during.size());
                assertThat(reminded.keySet()).containsAll(users.stream()
                        .filter(u -> !before.contains(u) && !during.contains(u)).toList());
                Report.line("NudgeFaultsTest", "nudge of %d at %d/s, SIGKILL of the workflow with %d reminders"
                                + " committed: %d reminded once each, %d skipped (acknowledged meanwhile), %d"
                                + " acknowledged before and not selected",
                        matched, RATE, remindedAtKill, finished.getReminded(), finished.getSkipped(), before.size());
            }
        }
    }

    @Test
    void shouldSendNoReminderOnceTheCancelIsApplied() {
        try (Deployment deployment = new Deployment("nudge-cancel", 3, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY));
            deployment.serve("workflow", "workflow").awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(node.grpcPort(), "org-nudge-cancel")) {
                List<String> users = Requests.users(2_000);
                String campaignId = startedAndSent(deployment, api, users);
                int settled;
                try (FanOutWatch reminders = new FanOutWatch(deployment.topics, campaignId,
                        PayloadCase.REMINDER_SENT)) {
                    int matched = api.campaigns().nudgeCampaign(NudgeCampaignRequest.newBuilder().setId(campaignId)
                            .setRatePerSecond(200).build()).getMatched();
                    reminders.awaitMoreThan(100, Duration.ofMinutes(1));
                    api.campaigns().cancelCampaign(CancelCampaignRequest.newBuilder().setId(campaignId).build());
                    Sleep.millis(3_000);
                    settled = reminders.sent();
                    Sleep.millis(3_000);

                    assertThat(reminders.sent()).as("reminders after the cancel was applied").isEqualTo(settled);
                    assertThat(settled).isLessThan(matched);
                }
                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                List<PayloadCase> afterFirstReminder = fold.deliveryEvents.stream()
                        .map(DeliveryEvent::getPayloadCase)
                        .dropWhile(p -> p != PayloadCase.REMINDER_SENT)
                        .distinct().toList();
                assertThat(afterFirstReminder).as("no NudgeFinished for a cancelled nudge")
                        .doesNotContain(PayloadCase.NUDGE_FINISHED);
                Report.line("NudgeFaultsTest", "nudge of 2,000 at 200/s cancelled: %d reminders, none after the"
                        + " cancel", settled);
            }
        }
    }

    /** A campaign of {@code users} that waits 72 h after its notification; started and sent to everyone. */
    private static String startedAndSent(Deployment deployment, Api api, List<String> users) {
        String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
        String campaignId = api.campaigns().createCampaign(Requests.campaign("Nudged", templateId, users,
                waiting())).getCampaign().getId();
        try (FanOutWatch sent = new FanOutWatch(deployment.topics, campaignId)) {
            api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
            while (sent.sent() < users.size()) {
                sent.awaitMoreThan(sent.sent(), Duration.ofMinutes(3));
            }
        }
        return campaignId;
    }

    /** These recipients acknowledge, and the workflow has recorded it. */
    private static void acknowledge(Deployment deployment, Api api, String campaignId, List<String> users) {
        try (FanOutWatch acknowledged = new FanOutWatch(deployment.topics, campaignId, PayloadCase.ACKNOWLEDGED);
             Recipients recipients = new Recipients(api, campaignId, users, Set.of(), 4)) {
            recipients.awaitDone(Duration.ofMinutes(3));
            while (acknowledged.sent() < users.size()) {
                acknowledged.awaitMoreThan(acknowledged.sent(), Duration.ofMinutes(1));
            }
        }
    }

    private static NudgeFinished awaitFinished(Deployment deployment, String campaignId) {
        try (FanOutWatch finished = new FanOutWatch(deployment.topics, campaignId, PayloadCase.NUDGE_FINISHED)) {
            finished.awaitMoreThan(0, Duration.ofMinutes(5));
        }
        return CampaignFold.of(deployment.topics, campaignId).events(PayloadCase.NUDGE_FINISHED).getFirst()
                .getNudgeFinished();
    }

    private static List<String> every(List<String> users, int step, int offset) {
        return IntStream.range(0, users.size()).filter(i -> i % step == offset).mapToObj(users::get).toList();
    }

    private static WorkflowDefinition waiting() {
        return WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(SendNotificationConfig.getDefaultInstance())
                        .putTransitions("completed", "wait"))
                .addSteps(WorkflowStep.newBuilder().setId("wait").setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("72h")))
                .build();
    }
}
