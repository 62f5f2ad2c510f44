package dev.pidgr.query.campaign;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowProgress;
import dev.pidgr.query.delivery.Counts;
import dev.pidgr.query.sql.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/** Rows of the campaign and delivery views as API messages. */
final class CampaignMapping {

    private CampaignMapping() {
    }

    /** A campaigns row joined with its campaign_runs row (whose columns are null before the first delivery event). */
    static Campaign campaign(ResultSet r) throws SQLException {
        CampaignRow row = CampaignProjection.read(r);
        Campaign.Builder b = Campaign.newBuilder().setId(row.id()).setName(row.name())
                .setTemplateId(row.templateId()).setTemplateVersion(row.templateVersion()).setStatus(row.status())
                .setWorkflow(parse(row.workflow(), WorkflowDefinition.parser()))
                .setTotalRecipients(row.totalRecipients()).setSenderName(row.senderName()).setTitle(row.title())
                .setVersion(row.version()).setFailureReason(row.failureReason())
                .setCreatedAt(Sql.timestamp(row.createdAt()));
        set(row.startedAt(), t -> b.setStartedAt(Sql.timestamp(t)));
        set(row.completedAt(), t -> b.setCompletedAt(Sql.timestamp(t)));
        set(row.scheduledStartAt(), t -> b.setScheduledStartAt(Sql.timestamp(t)));
        Counts counts = new Counts(r.getInt("pending"), r.getInt("sent"), r.getInt("delivered"),
                r.getInt("acknowledged"), r.getInt("missed"), r.getInt("no_device"), r.getInt("failed"),
                r.getInt("read_count"));
        b.setDeliveryCounts(counts.toProto()).setActionCompletedCount(counts.acknowledged())
                .setMissedCount(counts.missed());
        WorkflowProgress.Builder progress = WorkflowProgress.newBuilder();
        String step = r.getString("current_step_id");
        progress.setCurrentStepId(step == null ? "" : step);
        set(Sql.instant(r, "step_entered_at"), t -> progress.setStepEnteredAt(Sql.timestamp(t)));
        set(Sql.instant(r, "next_wake_up_at"), t -> progress.setNextWakeUpAt(Sql.timestamp(t)));
        return b.setProgress(progress).build();
    }

    static Delivery delivery(ResultSet r) throws SQLException {
        Delivery.Builder b = Delivery.newBuilder().setId(r.getString("id")).setUserId(r.getString("user_id"))
                .setCampaignId(r.getString("campaign_id")).setStatus(DeliveryStatus.forNumber(r.getInt("status")))
                .setMessage(parse(r.getBytes("message"), Message.parser()))
                .setReminderCount(r.getInt("reminder_count"));
        set(Sql.instant(r, "sent_at"), t -> b.setSentAt(Sql.timestamp(t)));
        set(Sql.instant(r, "read_at"), t -> b.setReadAt(Sql.timestamp(t)));
        set(Sql.instant(r, "acknowledged_at"), t -> b.setAcknowledgedAt(Sql.timestamp(t)));
        set(Sql.instant(r, "last_reminded_at"), t -> b.setLastRemindedAt(Sql.timestamp(t)));
        set(Sql.instant(r, "delivered_at"), t -> b.setDeliveredAt(Sql.timestamp(t)));
        set(Sql.instant(r, "missed_at"), t -> b.setMissedAt(Sql.timestamp(t)));
        return b.build();
    }

    private static void set(Instant value, Consumer<Instant> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    static <T> T parse(byte[] bytes, com.google.protobuf.Parser<T> parser) throws SQLException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("unreadable stored protobuf", e);
        }
    }
}
