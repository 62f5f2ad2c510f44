package dev.pidgr.api.inbox;

import dev.pidgr.api.gateway.GatewayKafkaConfig;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.DeliveryInteraction;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** An idempotent, acks=all producer of interactions; {@link #publish} completes on Kafka's acknowledgement. */
public final class KafkaInteractionPublisher implements InteractionPublisher, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Topic<DeliveryInteraction> topic;

    KafkaInteractionPublisher(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topic = topics.deliveryInteractions();
    }

    /**
     * A publisher on the cluster at {@code bootstrapServers}; {@code extraClientConfig} is added to the producer's
     * settings.
     */
    public static KafkaInteractionPublisher create(
            String bootstrapServers, Topics topics, Map<String, Object> extraClientConfig) {
        String clientId = "pidgr-api-" + UUID.randomUUID() + "-interactions";
        return new KafkaInteractionPublisher(
                new KafkaProducer<>(GatewayKafkaConfig.producer(bootstrapServers, clientId, extraClientConfig)),
                topics);
    }

    @Override
    public CompletableFuture<Void> publish(DeliveryInteraction interaction) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, interaction.getCampaignId(),
                interaction.toByteArray(), EventHeaders.of(interaction, interaction.getInteractionId()));
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (KafkaException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
