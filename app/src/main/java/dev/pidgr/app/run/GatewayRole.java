package dev.pidgr.app.run;

import dev.pidgr.app.metrics.KafkaClientMeters;
import dev.pidgr.contract.Topics;
import dev.pidgr.gateway.Gateway;
import dev.pidgr.gateway.channel.ChannelSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Properties;

/** The channel gateway role, its Kafka clients configured like every other role's. */
final class GatewayRole {

    private GatewayRole() {
    }

    static Gateway create(NodeSettings settings, Topics topics, MeterRegistry registry) {
        Properties clients = new Properties();
        clients.put("bootstrap.servers", settings.bootstrapServers());
        clients.putAll(KafkaClientMeters.clientConfig(registry));
        clients.putAll(settings.kafkaProperties().of(Role.GATEWAY));
        return new Gateway(clients, topics, settings.gateway(), pushSenders(settings));
    }

    /**
     * The push providers of this node. The APNs, FCM and Web Push senders (gateway packages {@code apns},
     * {@code fcm}, {@code webpush}) are added here from their settings; a channel without a sender ends its
     * devices' attempts FAILED with a reason that says so (docs/channels.md).
     */
    private static List<ChannelSender> pushSenders(NodeSettings settings) {
        return List.of();
    }
}
