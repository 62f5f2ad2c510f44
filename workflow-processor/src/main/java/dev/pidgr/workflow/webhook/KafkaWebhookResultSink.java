package dev.pidgr.workflow.webhook;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.events.v1.WebhookResult;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes webhook results with an idempotent producer of its own (the stream threads' producers
 * are transactional and bound to their tasks). A result that cannot be written is logged; its page
 * stays pending in the processor's store and is dispatched again after the next restart.
 */
public final class KafkaWebhookResultSink implements WebhookResultSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWebhookResultSink.class);

    private final KafkaProducer<String, WebhookResult> producer;
    private final Topic<WebhookResult> topic;

    public KafkaWebhookResultSink(Map<String, Object> producerConfig, Topic<WebhookResult> topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putAll(producerConfig);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), topic.valueSerde().serializer());
        this.topic = topic;
    }

    @Override
    public void publish(WebhookResult result) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, WebhookResult> record =
                new ProducerRecord<>(topic.name(), null, result.getCampaignId(), result, EventHeaders.of(result, id));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                LOG.error(
                        "Webhook result of campaign {} step {} page {} could not be written; the page is sent again"
                                + " after a restart",
                        result.getCampaignId(),
                        result.getStepId(),
                        result.getPage(),
                        error);
            }
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
