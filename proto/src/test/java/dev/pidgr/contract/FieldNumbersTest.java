package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.Device;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetCampaignTimelineRequest;
import dev.pidgr.api.v1.GetCampaignTimelineResponse;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.ListCampaignHistoryRequest;
import dev.pidgr.api.v1.ListCampaignHistoryResponse;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListCampaignsResponse;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.MarkReadRequest;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.MessageAction;
import dev.pidgr.api.v1.MessagePreview;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.NudgeCampaignResponse;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.PaginationMeta;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.PreviewCampaignResponse;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.SyncResponse;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.TemplateVariableSource;
import dev.pidgr.api.v1.TimelinePoint;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.api.v1.UpdateTemplateRequest;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The wire contract of docs/api.md, written out once more: field numbers and enum values must never change,
 * because clients generated from Pidgr's v0.28 protos talk to this server over binary gRPC.
 */
class FieldNumbersTest {

    @Test
    void campaignServiceMessagesKeepTheirNumbers() {
        expect(
                CreateCampaignRequest.getDescriptor(),
                "name=1 template_id=2 template_version=3 user_ids=4 workflow=5 sender_name=6 title=7 audience=8");
        expect(StartCampaignRequest.getDescriptor(), "id=1 expected_version=100 start_at=101");
        expect(GetCampaignRequest.getDescriptor(), "id=1");
        expect(
                UpdateCampaignRequest.getDescriptor(),
                "id=1 name=2 sender_name=3 title=4 template_id=5 template_version=6 workflow=7 expected_version=100");
        expect(CancelCampaignRequest.getDescriptor(), "id=1 expected_version=100");
        expect(ListDeliveriesRequest.getDescriptor(), "campaign_id=1 status_filter=2 pagination=3");
        expect(ListCampaignsResponse.getDescriptor(), "campaigns=1 pagination=2");
        expect(
                Campaign.getDescriptor(),
                "id=1 name=2 template_id=3 template_version=4 status=6 workflow=7 total_recipients=8"
                        + " action_completed_count=9 missed_count=10 created_at=11 started_at=12 completed_at=13"
                        + " sender_name=14 title=15 version=100 delivery_counts=101 failure_reason=102 progress=103"
                        + " scheduled_start_at=104");
        expect(AudienceMember.getDescriptor(), "user_id=1 variables=2");
        expect(Delivery.getDescriptor(), "id=1 user_id=2 campaign_id=3 status=4 sent_at=5 read_at=6 acknowledged_at=7 "
                + "message=100 reminder_count=101 last_reminded_at=102 delivered_at=103 missed_at=104");
        expect(
                Message.getDescriptor(),
                "content_id=1 campaign_id=2 sender_name=3 summary=4 preview=5 body=6 critical=7 actions=8 created_at=9"
                        + " title=10");
        expect(MessageAction.getDescriptor(), "id=1 type=2 label=3");
        expect(Pagination.getDescriptor(), "page_size=1 page_token=2");
        expect(PaginationMeta.getDescriptor(), "next_page_token=1 total_count=2");
    }

    @Test
    void secondSetOfExtensionsKeepsItsNumbers() {
        expect(GetCampaignTimelineRequest.getDescriptor(), "id=1 bucket=2");
        expect(GetCampaignTimelineResponse.getDescriptor(), "points=1 bucket=100");
        expect(TimelinePoint.getDescriptor(), "at=1 sent=2 delivered=3 read=4 acknowledged=5 missed=6 reminded=7");
        expect(NudgeCampaignRequest.getDescriptor(),
                "id=1 statuses=2 unread_only=3 user_ids=4 rate_per_second=5 message_step_id=6");
        expect(NudgeCampaignResponse.getDescriptor(), "campaign=1 matched=2");
        expect(PreviewCampaignRequest.getDescriptor(), "id=1 user_ids=2 step_id=3");
        expect(PreviewCampaignResponse.getDescriptor(), "previews=1");
        expect(MessagePreview.getDescriptor(), "user_id=1 message=2 missing_variables=3");
        expect(ListCampaignHistoryRequest.getDescriptor(), "id=1 pagination=2");
        expect(ListCampaignHistoryResponse.getDescriptor(), "entries=1 pagination_meta=2");
        expect(CampaignHistoryEntry.getDescriptor(),
                "version=1 event_type=2 occurred_at=3 actor=4 summary=5 command_id=6");
        expect(ListCampaignsRequest.getDescriptor(), "pagination=1 status_filter=100");
    }

    @Test
    void workflowMessagesKeepTheirNumbers() {
        expect(WorkflowDefinition.getDescriptor(), "steps=1");
        expect(
                WorkflowStep.getDescriptor(),
                "id=1 type=2 send_notification=3 deadline_check=4 send_reminder=5 call_webhook=6 transitions=7");
        expect(
                SendNotificationConfig.getDescriptor(),
                "type=1 template_id=2 template_version=3 action_label=4 action_type=5 custom_variables=6");
        expect(DeadlineCheckConfig.getDescriptor(), "delay=1");
        expect(SendReminderConfig.getDescriptor(), "type=1 repeat=2 due_time=3");
        expect(CallWebhookConfig.getDescriptor(), "name=1 url=2 headers=3");
    }

    @Test
    void templateInboxAndActionMessagesKeepTheirNumbers() {
        expect(
                Template.getDescriptor(),
                "id=1 name=2 body=3 variables=4 version=5 created_at=6 updated_at=7 title=8 type=9");
        expect(TemplateVariable.getDescriptor(), "name=1 description=2 required=3 source=4 default_value=5");
        expect(CreateTemplateRequest.getDescriptor(), "name=1 body=2 variables=3 title=4 type=5");
        expect(UpdateTemplateRequest.getDescriptor(), "template_id=1 body=2 variables=3 expected_version=100");
        expect(GetTemplateRequest.getDescriptor(), "template_id=1 version=2");
        expect(ListTemplatesRequest.getDescriptor(), "pagination=1 type=2");
        expect(InboxEntry.getDescriptor(), "delivery_id=1 message=2 status=3 read=4 received_at=5");
        expect(SyncRequest.getDescriptor(), "since=1 limit=2");
        expect(SyncResponse.getDescriptor(), "entries=1 next_since=2");
        expect(MarkReadRequest.getDescriptor(), "delivery_id=1");
        expect(GetMessageRequest.getDescriptor(), "delivery_id=1");
        expect(SubmitActionRequest.getDescriptor(), "delivery_id=1 action_id=2 payload=3");
    }

    @Test
    void deviceMessagesKeepPidgrsNumbers() {
        expect(Device.getDescriptor(),
                "device_id=1 user_id=2 platform=3 push_token=4 active=5 last_seen=6 created_at=7");
        expect(DeviceSummary.getDescriptor(), "device_id=1 user_id=2 platform=3 active=4 last_seen=5 created_at=6");
        expect(RegisterRequest.getDescriptor(), "device_id=1 platform=2 push_token=3");
        expect(Platform.getDescriptor(), "UNSPECIFIED=0 IOS=1 ANDROID=2 WEB=100");
    }

    @Test
    void enumsKeepTheirValues() {
        expect(CampaignStatus.getDescriptor(), "UNSPECIFIED=0 CREATED=1 ACTIVE=2 COMPLETED=3 FAILED=4 CANCELLED=5"
                + " SCHEDULED=100");
        expect(
                DeliveryStatus.getDescriptor(),
                "UNSPECIFIED=0 PENDING=1 SENT=2 DELIVERED=3 ACKNOWLEDGED=4 MISSED=5 NO_DEVICE=6 FAILED=7");
        expect(
                StepType.getDescriptor(),
                "UNSPECIFIED=0 SEND_NOTIFICATION=1 DEADLINE_CHECK=2 SEND_REMINDER=3 CALL_WEBHOOK=4 MARK_MISSED=5");
        expect(ActionType.getDescriptor(), "UNSPECIFIED=0 ACK=1");
        expect(TemplateType.getDescriptor(), "UNSPECIFIED=0 MARKDOWN=1 RICH=2 HTML=3");
        expect(TemplateVariableSource.getDescriptor(), "UNSPECIFIED=0 PROFILE=1 CUSTOM=2");
    }

    @Test
    void campaignAndDeliveryKeepTheirReservedNumbers() {
        assertThat(Campaign.getDescriptor().toProto().getReservedRangeList())
                .anySatisfy(r -> assertThat(r.getStart()).isEqualTo(5));
        assertThat(Delivery.getDescriptor().toProto().getReservedRangeList())
                .anySatisfy(r -> assertThat(r.getStart()).isEqualTo(8));
    }

    private static void expect(Descriptor message, String fields) {
        Map<String, Integer> actual = new TreeMap<>();
        for (FieldDescriptor field : message.getFields()) {
            actual.put(field.getName(), field.getNumber());
        }
        assertThat(actual).as(message.getFullName()).isEqualTo(parse(fields));
    }

    private static void expect(EnumDescriptor enumType, String values) {
        String prefix = enumType.getValues().get(0).getName().replace("UNSPECIFIED", "");
        Map<String, Integer> actual = new TreeMap<>();
        enumType.getValues().forEach(v -> actual.put(v.getName().substring(prefix.length()), v.getNumber()));
        assertThat(actual).as(enumType.getFullName()).isEqualTo(parse(values));
    }

    private static Map<String, Integer> parse(String pairs) {
        Map<String, Integer> expected = new TreeMap<>();
        for (String pair : pairs.trim().split("\\s+")) {
            String[] kv = pair.split("=");
            expected.put(kv[0], Integer.parseInt(kv[1]));
        }
        return expected;
    }
}
