package dev.pidgr.gateway;

import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.contact.ContactBook;
import dev.pidgr.gateway.email.EmailSender;
import dev.pidgr.gateway.kafka.GatewayKafka;
import dev.pidgr.gateway.route.Router;
import dev.pidgr.gateway.send.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The channel gateway role: push requests in, provider sends out, receipts back (docs/channels.md). The push
 * senders (APNs, FCM, Web Push) are handed in; the email sender is built here from {@link GatewaySettings#email()}.
 */
public final class Gateway implements AutoCloseable {

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ContactBook book = new ContactBook();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pidgr-gateway-retries").factory());
    private final GatewayKafka kafka;

    /**
     * @param clientConfig Kafka client settings (bootstrap servers, security)
     * @param pushSenders the push providers configured on this node (docs/channels.md); closed with the gateway
     */
    public Gateway(Properties clientConfig, Topics topics, GatewaySettings settings, List<ChannelSender> pushSenders) {
        for (ChannelSender sender : pushSenders) {
            senders.put(sender.channel(), sender);
            if (sender instanceof AutoCloseable closeable) {
                closeables.add(closeable);
            }
        }
        if (settings.email().any()) {
            EmailSender email = new EmailSender(settings.email());
            senders.put(Channel.CHANNEL_EMAIL, email);
            closeables.add(email);
        }
        Router router = new Router(settings.email()::configured);
        this.kafka = new GatewayKafka(clientConfig, topics, book, settings.maxPendingPerPartition(),
                (push, done) -> new Delivery(push, router.route(push, book.get(push.getOrganizationId(),
                        push.getUserId())), senders, settings.retry(), retries, System::currentTimeMillis, done));
    }

    /** Reads the device events up to their end (within {@code timeout}), then starts consuming push requests. */
    public void start(Duration timeout) throws InterruptedException {
        kafka.start(timeout);
    }

    /** The channels this gateway can deliver on. */
    public java.util.Set<Channel> channels() {
        return java.util.Set.copyOf(senders.keySet());
    }

    public boolean isReady() {
        return kafka.isReady();
    }

    /** Why the gateway stopped for good, if it did (the process should exit then). */
    public Optional<String> failure() {
        return kafka.failure();
    }

    @Override
    public void close() throws Exception {
        kafka.close();
        retries.shutdownNow();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }
}
