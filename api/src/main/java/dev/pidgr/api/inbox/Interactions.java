package dev.pidgr.api.inbox;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.events.v1.DeliveryInteraction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a recipient's interactions and publishes them, answering only once Kafka has them. */
final class Interactions {

    private static final Logger LOG = LoggerFactory.getLogger(Interactions.class);
    /**
     * Kafka that cannot take an interaction within this is UNAVAILABLE (or sooner, at the deadline):
     * docs/api.md's 5 s, less room for the rest of the call.
     */
    static final Duration PUBLISH_LIMIT = Duration.ofMillis(4_500);

    private final InteractionPublisher publisher;
    private final Clock clock;

    Interactions(InteractionPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** An interaction of the caller with the entry's delivery; {@code kind} sets what happened. */
    DeliveryInteraction of(Caller caller, InboxEntry entry, Consumer<DeliveryInteraction.Builder> kind) {
        Instant now = clock.instant();
        DeliveryInteraction.Builder interaction = DeliveryInteraction.newBuilder()
                .setInteractionId(UUID.randomUUID().toString())
                .setCampaignId(entry.getMessage().getCampaignId())
                .setOrganizationId(caller.organizationId())
                .setDeliveryId(entry.getDeliveryId())
                .setUserId(caller.userId())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        kind.accept(interaction);
        return interaction.build();
    }

    /** Publishes all and waits for every acknowledgement, bounded by 5 s and the deadline. */
    void publishAll(List<DeliveryInteraction> interactions, Instant deadline) {
        if (interactions.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] acks = interactions.stream().map(publisher::publish).toArray(CompletableFuture[]::new);
        Duration left = Duration.between(clock.instant(), deadline);
        long millis = Math.max(0, Math.min(left.toMillis(), PUBLISH_LIMIT.toMillis()));
        try {
            CompletableFuture.allOf(acks).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("{} interactions could not be published: {}", interactions.size(), e.toString());
            throw ApiErrors.unavailable("the interaction could not be recorded; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unavailable("interrupted while recording the interaction");
        }
    }
}
