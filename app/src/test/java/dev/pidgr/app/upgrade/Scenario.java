package dev.pidgr.app.upgrade;

import com.google.protobuf.Message;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the recorder runs, step by step, to make every command and event type (see
 * {@link TypeCoverage}): a template created and updated; campaign A (every step type) created,
 * updated, started, acknowledged by one member, its deadline passed, reminded, missed, its webhook
 * refused, completed by the workflow; campaign B (an audience of 1 MB: a second audience event)
 * created, cancelled, and refused a start; campaign C started, nudged (its unread member reminded) and failed
 * mid-wait; campaign D scheduled to start a day later, then cancelled. Every id and
 * every command's issued_at are fixed; only the workflow's clock is real.
 */
final class Scenario {

    /** One step: move the workflow's clock, write the inputs, wait until {@code done} holds. */
    record Step(Duration clock, List<StreamRecord> inputs, String what, Predicate<List<StreamRecord>> done) {
    }

    static final String TEMPLATE = "70000000-0000-4000-8000-000000000001";
    static final String A = "c0000000-0000-4000-8000-0000000000a1";
    static final String B = "c0000000-0000-4000-8000-0000000000b1";
    static final String C = "c0000000-0000-4000-8000-0000000000c1";
    static final String D = "c0000000-0000-4000-8000-0000000000d1";
    private static final List<String> A_MEMBERS = List.of("user-a1", "user-a2", "user-a3", "user-a4");
    private static final List<String> C_MEMBERS = List.of("user-c1", "user-c2");

    private Scenario() {
    }

    static List<Step> steps() {
        Commands c = new Commands();
        return List.of(
                step(1, List.of(c.createTemplate(TEMPLATE)), "the template created"),
                step(2, List.of(c.updateTemplate(TEMPLATE)), "the template updated"),
                step(3, List.of(c.create(A, A_MEMBERS, Workflows.everyStep()), c.update(A),
                        c.create(B, bigAudience(), Workflows.sendAndWait()), c.cancel(B), c.start(B),
                        c.create(C, C_MEMBERS, Workflows.sendAndWait()),
                        c.create(D, C_MEMBERS, Workflows.sendAndWait()), c.schedule(D), c.cancel(D)),
                        "the campaigns drafted, D scheduled and cancelled"),
                step(4, List.of(c.start(A), c.start(C)), "every member notified", entered(A, "deadline")
                        .and(entered(C, "wait"))),
                new Step(Duration.ZERO, interactions(5), "the interactions and the gateway's receipts applied",
                        delivery(DeliveryEvent::hasAcknowledged, 2).and(delivery(DeliveryEvent::hasRead, 1))
                                .and(delivery(DeliveryEvent::hasReceived, 1))
                                .and(delivery(DeliveryEvent::hasNoDevice, 1))
                                .and(delivery(DeliveryEvent::hasDeliveryFailed, 1))),
                step(6, List.of(c.nudge(C)), "campaign C nudged: its unread member reminded",
                        campaign(CampaignEvent::hasNudgeFinished)),
                step(7, List.of(c.fail(C)), "campaign C failed", campaign(CampaignEvent::hasFailed)),
                new Step(Duration.ofMinutes(40), List.of(), "campaign A's deadline passed and its walk ended",
                        ended(A).and(campaign(CampaignEvent::hasCompleted))),
                step(9, List.of(c.register("user-a1", "phone", "apns-1"), c.register("user-a1", "phone", "apns-2"),
                        c.register("user-a1", "tablet", "apns-3"), c.unregistered("user-a1", "tablet", "apns-3"),
                        c.deactivate("user-a1", "phone"), c.setEmail("user-a1", "a1@example.org")),
                        "user A1's devices registered, replaced, unregistered and deactivated; an email set"));
    }

    private static Step step(int number, List<Message> commands, String what) {
        return step(number, commands, what, records -> true);
    }

    /** Commands, done when each has its result and {@code also} holds. */
    private static Step step(int number, List<Message> commands, String what, Predicate<List<StreamRecord>> also) {
        List<StreamRecord> inputs = commands.stream().map(m -> Commands.record(number, m)).toList();
        Set<String> ids = inputs.stream().map(r -> r.header(EventHeaders.COMMAND_ID)).collect(Collectors.toSet());
        Predicate<List<StreamRecord>> answered = records -> records.stream()
                .filter(r -> r.topic().equals(Contract.TOPICS.commandResults().name()))
                .map(StreamRecord::key).collect(Collectors.toSet()).containsAll(ids);
        return new Step(Duration.ZERO, inputs, what, answered.and(also));
    }

    /** A1 receives, reads and acknowledges; C1 acknowledges; the gateway finds no device for A2 and fails A3's. */
    private static List<StreamRecord> interactions(int step) {
        return List.of(
                receipt(step, "user-a2", ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE, 0),
                receipt(step, "user-a3", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 1),
                interaction(step, A, "user-a1", 1, DeliveryInteraction.newBuilder()
                        .setReceived(Received.getDefaultInstance())),
                interaction(step, A, "user-a1", 2, DeliveryInteraction.newBuilder().setRead(Read.getDefaultInstance())),
                interaction(step, A, "user-a1", 3, DeliveryInteraction.newBuilder()
                        .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack"))),
                interaction(step, C, "user-c1", 4, DeliveryInteraction.newBuilder()
                        .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack"))));
    }

    private static StreamRecord receipt(int step, String user, ReceiptOutcome outcome, int targets) {
        String delivery = Ids.deliveryId(A, user);
        DeliveryReceipt receipt = DeliveryReceipt.newBuilder().setReceiptId(Ids.uuid5("upgrade-receipt:" + user))
                .setOrganizationId(Commands.ORG).setCampaignId(A).setDeliveryId(delivery).setUserId(user)
                .setPushId(Ids.pushId(delivery, 0)).setOutcome(outcome).setTargets(targets)
                .setReason(targets > 0 ? "SMTP 550 mailbox unavailable" : "").setAttempt(1)
                .setOccurredAt(Commands.ISSUED_AT).build();
        return StreamRecord.record(step, true, Contract.TOPICS.deliveryReceipts().name(), A,
                Commands.headers(EventHeaders.of(receipt, receipt.getReceiptId())), receipt.toByteArray());
    }

    private static StreamRecord interaction(
            int step, String campaign, String user, int n, DeliveryInteraction.Builder kind) {
        DeliveryInteraction interaction = kind.setInteractionId(Ids.uuid5("upgrade-interaction:" + n))
                .setCampaignId(campaign).setOrganizationId(Commands.ORG).setUserId(user)
                .setDeliveryId(Ids.deliveryId(campaign, user)).setOccurredAt(Commands.ISSUED_AT).build();
        return StreamRecord.record(step, true, Contract.TOPICS.deliveryInteractions().name(), campaign,
                Commands.headers(EventHeaders.of(interaction, interaction.getInteractionId())),
                interaction.toByteArray());
    }

    /**
     * 20 members of 50 variables of 1,000 characters: over the 900 KB an audience event holds, so
     * the creation is written as CampaignCreated plus CampaignAudienceAdded.
     */
    private static List<AudienceMember> bigAudience() {
        return IntStream.rangeClosed(1, 20).mapToObj(m -> {
            AudienceMember.Builder member = AudienceMember.newBuilder().setUserId("user-b" + m);
            IntStream.rangeClosed(1, 50)
                    .forEach(v -> member.putVariables("v" + v, String.valueOf(v % 10).repeat(1000)));
            return member.build();
        }).toList();
    }

    private static Predicate<List<StreamRecord>> entered(String campaign, String stepId) {
        return delivery(e -> e.getCampaignId().equals(campaign) && e.hasStepEntered()
                && e.getStepEntered().getStepId().equals(stepId), 1);
    }

    private static Predicate<List<StreamRecord>> ended(String campaign) {
        return delivery(e -> e.getCampaignId().equals(campaign) && e.hasWorkflowEnded(), 1);
    }

    private static Predicate<List<StreamRecord>> delivery(Predicate<DeliveryEvent> which, int count) {
        return records -> count(records, Contract.TOPICS.deliveryEvents().name(),
                m -> which.test((DeliveryEvent) m)) >= count;
    }

    private static Predicate<List<StreamRecord>> campaign(Predicate<CampaignEvent> which) {
        return records -> count(records, Contract.TOPICS.campaignEvents().name(),
                m -> which.test((CampaignEvent) m)) >= 1;
    }

    private static long count(List<StreamRecord> records, String topic, Predicate<Message> which) {
        return records.stream().filter(r -> r.topic().equals(topic)).map(Contract::parse).filter(which).count();
    }
}
