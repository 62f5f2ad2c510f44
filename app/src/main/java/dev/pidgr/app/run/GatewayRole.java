package dev.pidgr.app.run;

import dev.pidgr.app.metrics.KafkaClientMeters;
import dev.pidgr.contract.Topics;
import dev.pidgr.gateway.Gateway;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.push.PushSenders;
import dev.pidgr.gateway.push.PushSettings;
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
     * The push providers of this node: APNs, FCM and Web Push, each on when its credential variable is set
     * ({@code PIDGR_APNS_KEY_FILE}, {@code PIDGR_FCM_SERVICE_ACCOUNT_FILE}, {@code PIDGR_WEBPUSH_VAPID_*};
     * docs/channels.md). A channel without a sender ends its devices' attempts FAILED with a reason that
     * says so. A bad value stops the node at start, naming the variable, never its value.
     */
    private static List<ChannelSender> pushSenders(NodeSettings settings) {
        return PushSenders.fromSettings(PushSettings.fromVariables(System.getenv())).senders();
    }
}
