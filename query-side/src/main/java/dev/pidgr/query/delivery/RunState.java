package dev.pidgr.query.delivery;

import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;

/**
 * A campaign's run as far as the delivery projector has applied it: the version of the last
 * delivery event and the workflow progress. Counts are not here: they change by deltas.
 */
public record RunState(String campaignId, String organizationId, long version, String currentStepId,
                       Instant stepEnteredAt, Instant nextWakeUpAt) {

    public static RunState empty(String campaignId, String organizationId) {
        return new RunState(campaignId, organizationId, 0, "", null, null);
    }

    /** The run after {@code event}, whose version must be newer (pure). */
    public RunState apply(DeliveryEvent event) {
        long v = event.getVersion();
        return switch (event.getPayloadCase()) {
            case STEP_ENTERED ->
                new RunState(
                        campaignId,
                        organizationId,
                        v,
                        event.getStepEntered().getStepId(),
                        Sql.instant(event.getOccurredAt()),
                        event.getStepEntered().hasWakeUpAt()
                                ? Sql.instant(event.getStepEntered().getWakeUpAt())
                                : null);
            // A finished step no longer sleeps; it stays current until the next one is entered.
            case STEP_COMPLETED -> new RunState(campaignId, organizationId, v, currentStepId, stepEnteredAt, null);
            case WORKFLOW_ENDED -> new RunState(campaignId, organizationId, v, "", null, null);
            case NOTIFICATION_SENT,
                    RECEIVED,
                    READ,
                    ACKNOWLEDGED,
                    REMINDER_SENT,
                    MISSED,
                    NO_DEVICE,
                    DELIVERY_FAILED,
                    WEBHOOK_PAGE_CALLED,
                    NUDGE_SELECTED,
                    NUDGE_FINISHED,
                    PAYLOAD_NOT_SET ->
                new RunState(campaignId, organizationId, v, currentStepId, stepEnteredAt, nextWakeUpAt);
        };
    }
}
