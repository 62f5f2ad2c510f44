package dev.pidgr.query.campaign;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import java.util.List;
import java.util.Locale;

/**
 * What a campaign event says in the audit trail (pure): its name, who caused it and one line for people. An
 * event this version does not know (a newer writer's) gets a generic line, never an error.
 */
final class HistoryEntries {

    /** The actor of the workflow's own events on the campaign topic. */
    static final String WORKFLOW_ACTOR = "system:workflow";
    static final int MAX_REASON = 200;

    private HistoryEntries() {
    }

    /** The entry of {@code event}; {@code before} is the campaign as it was (null before CampaignCreated). */
    static CampaignHistoryEntry of(CampaignEvent event, CampaignRow before) {
        return CampaignHistoryEntry.newBuilder()
                .setVersion(event.getVersion())
                .setEventType(eventType(event))
                .setOccurredAt(event.getOccurredAt())
                .setActor(actor(event.getActor()))
                .setSummary(summary(event, before))
                .setCommandId(event.getCommandId())
                .build();
    }

    /** The payload's message name, e.g. "CampaignStarted"; for an unknown payload, "unknown". */
    static String eventType(CampaignEvent event) {
        if (event.getPayloadCase() == CampaignEvent.PayloadCase.PAYLOAD_NOT_SET) {
            return "unknown";
        }
        FieldDescriptor field = CampaignEvent.getDescriptor().findFieldByNumber(event.getPayloadCase().getNumber());
        return field.getMessageType().getName();
    }

    static String actor(String actor) {
        return actor.equals(WORKFLOW_ACTOR) ? "workflow" : actor;
    }

    static String summary(CampaignEvent event, CampaignRow before) {
        int members = before == null ? 0 : before.totalRecipients();
        return switch (event.getPayloadCase()) {
            case CREATED -> "created for " + members(event.getCreated().getTotalRecipients());
            case AUDIENCE_ADDED -> "audience part " + (event.getAudienceAdded().getChunkIndex() + 1) + " of "
                    + event.getAudienceAdded().getChunkCount() + " added ("
                    + members(event.getAudienceAdded().getMembersCount()) + ")";
            case UPDATED -> updated(event.getUpdated());
            case STARTED -> (scheduled(before) ? "started as scheduled with " : "started with ") + members(members);
            case SCHEDULED -> (scheduled(before) ? "rescheduled to start at " : "scheduled to start at ")
                    + Timestamps.toString(event.getScheduled().getStartAt());
            case CANCELLED -> switch (event.getCancelled().getPreviousStatus()) {
                case CAMPAIGN_STATUS_CREATED -> "cancelled as a draft";
                case CAMPAIGN_STATUS_SCHEDULED -> "cancelled before its scheduled start";
                default -> "cancelled while running";
            };
            case COMPLETED -> "completed";
            case FAILED -> "failed: " + cut(event.getFailed().getReason());
            case NUDGED -> "nudge started at " + String.format(Locale.ROOT, "%,d",
                    event.getNudged().getRatePerSecond()) + " reminders a second";
            case NUDGE_FINISHED -> "nudge finished: " + reminders(event.getNudgeFinished().getReminded())
                    + ", " + String.format(Locale.ROOT, "%,d", event.getNudgeFinished().getSkipped()) + " skipped";
            case PAYLOAD_NOT_SET -> "an event this server version does not describe";
        };
    }

    private static boolean scheduled(CampaignRow before) {
        return before != null && before.status() == CampaignStatus.CAMPAIGN_STATUS_SCHEDULED;
    }

    /** "name changed", "name and title changed", "name, title and workflow changed". */
    static String updated(CampaignUpdated updated) {
        List<String> fields = updated.getChangedFieldsList().stream().map(f -> f.replace('_', ' ')).toList();
        if (fields.isEmpty()) {
            return "updated without a change";
        }
        if (fields.size() == 1) {
            return fields.getFirst() + " changed";
        }
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.getLast() + " changed";
    }

    static String reminders(int count) {
        return String.format(Locale.ROOT, "%,d", count) + (count == 1 ? " reminder" : " reminders");
    }

    static String members(int count) {
        return String.format(Locale.ROOT, "%,d", count) + (count == 1 ? " member" : " members");
    }

    private static String cut(String reason) {
        return reason.codePointCount(0, reason.length()) <= MAX_REASON ? reason
                : reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON)) + "…";
    }
}
