package dev.pidgr.api.inbox;

import dev.pidgr.events.v1.DeliveryInteraction;
import java.util.concurrent.CompletableFuture;

/** Publishes recipients' interactions to {@code pidgr.delivery.interactions}, keyed by campaign id. */
public interface InteractionPublisher {

    /** Sends the interaction; the future completes once Kafka has acknowledged it, or fails. */
    CompletableFuture<Void> publish(DeliveryInteraction interaction);
}
