package dev.pidgr.app.metrics;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.WebhookResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;

/**
 * The workflow processor's activity, counted from what it writes (it keeps no meters of its own):
 * producer interceptors on its Kafka Streams producer and on its webhook results producer.
 * <ul>
 *   <li>{@code pidgr.workflow.deliveries.sent}, {@code pidgr.workflow.reminders.sent},
 *       {@code pidgr.workflow.deliveries.missed}: NotificationSent, ReminderSent and DeliveryMissed
 *       events acknowledged by the broker. Under exactly-once, a transaction that aborts after its
 *       records were acknowledged (a crash, a fenced producer) is counted too, so these can run a
 *       little ahead of the committed facts; pidgr.delivery.events stays the truth.</li>
 *   <li>{@code pidgr.workflow.webhook.pages{outcome}} (succeeded, failed, cancelled) and
 *       {@code pidgr.workflow.webhook.attempts{outcome}} (succeeded, failed), counted when a page's
 *       attempts end: a page that succeeded on its third attempt adds one succeeded and two failed
 *       attempts.</li>
 * </ul>
 */
public final class WorkflowMeters {

    private WorkflowMeters() {
    }

    /** Producer settings (for the Streams {@code producer.} prefix) counting delivery events. */
    public static Map<String, Object> streamsProducerConfig(MeterRegistry registry) {
        return Map.of(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, DeliveryEvents.class.getName(),
                KafkaClientMeters.REGISTRY_CONFIG, registry);
    }

    /** Producer settings for the webhook results producer, counting pages and attempts. */
    public static Map<String, Object> webhookProducerConfig(MeterRegistry registry) {
        return Map.of(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, WebhookResults.class.getName(),
                KafkaClientMeters.REGISTRY_CONFIG, registry);
    }

    private static MeterRegistry registry(Map<String, ?> configs) {
        if (!(configs.get(KafkaClientMeters.REGISTRY_CONFIG) instanceof MeterRegistry registry)) {
            throw new ConfigException(KafkaClientMeters.REGISTRY_CONFIG + " must hold the MeterRegistry to count into");
        }
        return registry;
    }

    /** Counts the delivery events the workflow's Streams producer got acknowledged, by type. */
    public static final class DeliveryEvents implements ProducerInterceptor<Object, Object> {
        private Counter sent;
        private Counter reminders;
        private Counter missed;

        @Override
        public void configure(Map<String, ?> configs) {
            MeterRegistry registry = registry(configs);
            sent = Counter.builder("pidgr.workflow.deliveries.sent")
                    .description("Notifications sent (one per delivery)")
                    .register(registry);
            reminders = Counter.builder("pidgr.workflow.reminders.sent")
                    .description("Reminders sent")
                    .register(registry);
            missed = Counter.builder("pidgr.workflow.deliveries.missed")
                    .description("Deliveries marked missed")
                    .register(registry);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
            if (exception != null || headers == null) {
                return;
            }
            String type = EventHeaders.read(headers, EventHeaders.EVENT_TYPE);
            if ("NotificationSent".equals(type)) {
                sent.increment();
            } else if ("ReminderSent".equals(type)) {
                reminders.increment();
            } else if ("DeliveryMissed".equals(type)) {
                missed.increment();
            }
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            // Counted in the variant that sees the headers.
        }

        @Override
        public void close() {
        }
    }

    /** Counts webhook pages and attempts from the results the dispatcher publishes. */
    public static final class WebhookResults implements ProducerInterceptor<Object, Object> {
        private MeterRegistry registry;

        @Override
        public void configure(Map<String, ?> configs) {
            registry = registry(configs);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            if (record.value() instanceof WebhookResult result) {
                count(result);
            }
            return record;
        }

        private void count(WebhookResult result) {
            String outcome = switch (result.getOutcome()) {
                case WEBHOOK_OUTCOME_SUCCEEDED -> "succeeded";
                case WEBHOOK_OUTCOME_FAILED -> "failed";
                case WEBHOOK_OUTCOME_CANCELLED -> "cancelled";
                case WEBHOOK_OUTCOME_UNSPECIFIED, UNRECOGNIZED -> "unknown";
            };
            Counter.builder("pidgr.workflow.webhook.pages").tag("outcome", outcome)
                    .description("Webhook pages whose attempts ended, by outcome").register(registry).increment();
            int attempts = Math.max(0, result.getAttempts());
            int succeeded =
                    result.getOutcome() == dev.pidgr.events.v1.WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED && attempts > 0
                            ? 1
                            : 0;
            attempt("succeeded").increment(succeeded);
            attempt("failed").increment(attempts - succeeded);
        }

        private Counter attempt(String outcome) {
            return Counter.builder("pidgr.workflow.webhook.attempts").tag("outcome", outcome)
                    .description("Webhook HTTP attempts, by outcome").register(registry);
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }
    }
}
