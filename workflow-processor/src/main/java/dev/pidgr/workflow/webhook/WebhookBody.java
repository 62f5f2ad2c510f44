package dev.pidgr.workflow.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.workflow.state.WebhookSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The JSON body of one webhook page (docs/api.md, "Webhook calls"). Pure. */
public final class WebhookBody {

    /** Deliveries per page. */
    public static final int PAGE_SIZE = 1000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final String STATUS_PREFIX = "DELIVERY_STATUS_";

    /** One delivery's line; times in epoch milliseconds, 0 when unset. */
    public record Row(
            String deliveryId, String userId, DeliveryStatus status, long sentAt, long readAt, long acknowledgedAt) {}

    /** What every page of a step shares. */
    public record Header(String campaignId, String campaignName, String stepId, int pageCount, WebhookSummary summary) {
    }

    private WebhookBody() {
    }

    /** The page's body, UTF-8. */
    public static byte[] page(Header header, int page, List<Row> deliveries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + deliveries.size() * 200);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("campaign_id", header.campaignId());
            json.writeStringField("campaign_name", header.campaignName());
            json.writeStringField("step_id", header.stepId());
            json.writeNumberField("page", page);
            json.writeNumberField("page_count", header.pageCount());
            writeSummary(json, header.summary());
            json.writeArrayFieldStart("deliveries");
            for (Row row : deliveries) {
                writeRow(json, row);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeSummary(JsonGenerator json, WebhookSummary summary) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeNumberField("total", summary.getTotal());
        json.writeNumberField("sent", summary.getSent());
        json.writeNumberField("delivered", summary.getDelivered());
        json.writeNumberField("read", summary.getRead());
        json.writeNumberField("acknowledged", summary.getAcknowledged());
        json.writeNumberField("missed", summary.getMissed());
        json.writeNumberField("failed", summary.getFailed());
        json.writeEndObject();
    }

    private static void writeRow(JsonGenerator json, Row row) throws IOException {
        json.writeStartObject();
        json.writeStringField("delivery_id", row.deliveryId());
        json.writeStringField("user_id", row.userId());
        json.writeStringField("status", shortName(row.status()));
        writeTime(json, "sent_at", row.sentAt());
        writeTime(json, "read_at", row.readAt());
        writeTime(json, "acknowledged_at", row.acknowledgedAt());
        json.writeEndObject();
    }

    /** {@code DELIVERY_STATUS_ACKNOWLEDGED} is {@code ACKNOWLEDGED}. */
    public static String shortName(DeliveryStatus status) {
        String name = status.name();
        return name.startsWith(STATUS_PREFIX) ? name.substring(STATUS_PREFIX.length()) : name;
    }

    private static void writeTime(JsonGenerator json, String field, long epochMillis) throws IOException {
        if (epochMillis != 0) {
            json.writeStringField(field, Instant.ofEpochMilli(epochMillis).toString());
        }
    }
}
