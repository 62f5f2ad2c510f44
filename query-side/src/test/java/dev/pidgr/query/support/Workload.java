package dev.pidgr.query.support;

import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_DELIVERED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_MISSED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_SENT;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.TemplateEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A realistic history on the three event topics: templates with new versions, campaigns in every
 * status, fan-outs to overlapping audiences, receipts, reads, acknowledgements, reminders, missed
 * marking and late acknowledgements after MISSED, and the walk's step events.
 */
public final class Workload {

    private Workload() {
    }

    /**
     * Writes the history for {@code campaigns} campaigns of {@code audience} members each; returns the campaign ids.
     */
    public static List<String> write(Kafka kafka, String org, int campaigns, int audience, Instant t0) {
        List<TemplateEvent> templates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TemplateStream template = new TemplateStream(org, "template-" + UUID.randomUUID());
            templates.add(template.created("Template " + i, TemplateType.forNumber(1 + i), t0.plusSeconds(i)));
            templates.add(template.updated("Version two of " + i + " {{first_name}}", t0.plusSeconds(10 + i)));
        }
        kafka.send(kafka.topics.templateEvents(), templates, TemplateEvent::getTemplateId);
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < campaigns; c++) {
            Instant at = t0.plusSeconds(100L * c);
            CampaignStream campaign = new CampaignStream(org, UUID.randomUUID().toString());
            ids.add(campaign.id());
            List<CampaignEvent> facts = new ArrayList<>(List.of(campaign.created("Campaign " + c, audience, at),
                    campaign.updated("Campaign " + c + " (final)", at.plusSeconds(1))));
            if (c % 5 != 4) {
                facts.add(campaign.started(at.plusSeconds(2)));
                kafka.send(kafka.topics.deliveryEvents(), run(new RunStream(org, campaign.id()), audience, c, at),
                        DeliveryEvent::getCampaignId);
            }
            switch (c % 5) {
                case 0 -> facts.add(campaign.completed(at.plusSeconds(90)));
                case 1 -> facts.add(campaign.cancelled(at.plusSeconds(50)));
                case 2 -> facts.add(campaign.failed("the pinned template vanished", at.plusSeconds(60)));
                default -> { }
            }
            kafka.send(kafka.topics.campaignEvents(), facts, CampaignEvent::getCampaignId);
        }
        return ids;
    }

    private static List<DeliveryEvent> run(RunStream run, int audience, int c, Instant at) {
        List<DeliveryEvent> events = new ArrayList<>();
        events.add(run.stepEntered("send", StepType.STEP_TYPE_SEND_NOTIFICATION, at.plusSeconds(2), null));
        for (int u = 0; u < audience; u++) {
            events.add(run.sent(user(c, u, audience), at.plusMillis(2_000 + u)));
        }
        events.add(run.stepCompleted("send", "wait", at.plusSeconds(3)));
        events.add(run.stepEntered("wait", StepType.STEP_TYPE_DEADLINE_CHECK, at.plusSeconds(3), at.plusSeconds(40)));
        for (int u = 0; u < audience; u++) {
            if (u % 2 == 0) {
                events.add(run.received(user(c, u, audience), at.plusMillis(5_000 + u)));
            }
            if (u % 3 == 0) {
                events.add(run.read(user(c, u, audience), at.plusMillis(6_000 + u)));
            }
            if (u % 4 == 0) {
                events.add(run.acknowledged(
                        user(c, u, audience),
                        u % 2 == 0 ? DELIVERY_STATUS_DELIVERED : DELIVERY_STATUS_SENT,
                        at.plusMillis(7_000 + u)));
            }
        }
        events.add(run.stepCompleted("wait", "remind", at.plusSeconds(40)));
        events.add(run.stepEntered("remind", StepType.STEP_TYPE_SEND_REMINDER, at.plusSeconds(40), null));
        for (int u = 0; u < audience; u++) {
            if (u % 4 != 0) {
                events.add(run.reminded(user(c, u, audience), 1, at.plusMillis(40_000 + u)));
            }
        }
        events.add(run.stepEntered("miss", StepType.STEP_TYPE_MARK_MISSED, at.plusSeconds(45), null));
        for (int u = 0; u < audience; u++) {
            if (u % 4 != 0) {
                events.add(run.missed(
                        user(c, u, audience),
                        u % 2 == 0 ? DELIVERY_STATUS_DELIVERED : DELIVERY_STATUS_SENT,
                        at.plusMillis(45_000 + u)));
            }
        }
        events.add(run.workflowEnded(at.plusSeconds(46)));
        for (int u = 1; u < audience; u += 5) {
            if (u % 4 != 0) {
                events.add(run.acknowledged(user(c, u, audience), DELIVERY_STATUS_MISSED, at.plusMillis(80_000 + u)));
            }
        }
        return events;
    }

    /** Audiences overlap: campaign c's members are a window, shifted by c, over 1.5 x audience users. */
    private static String user(int c, int u, int audience) {
        return "user-" + (u + c * (audience / 3)) % (audience + audience / 2);
    }
}
