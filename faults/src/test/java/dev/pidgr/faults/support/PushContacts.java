package dev.pidgr.faults.support;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.DeviceRegistered;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.faults.support.PushAudience.Reach;
import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.fcm.FcmServer;
import dev.pidgr.localproviders.webpush.UserAgent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Gives GatewayKillTest's members their addresses and devices ({@link PushAudience}). The many with an address
 * and a device get their {@code EmailSet} and {@code DeviceRegistered} events written as the command side would
 * (a browser's subscription points at the local push service over plain HTTP, which Register refuses); the few
 * whose token the provider refuses register through DeviceService, so the command side knows the device the
 * gateway's {@code DeactivateDevice} names. Call it before the gateway starts: it is ready once it read them.
 */
public final class PushContacts {

    private final Map<String, UserAgent> browsers = new HashMap<>();

    private PushContacts() {
    }

    public static PushContacts write(Deployment deployment, Api api, List<String> users, LocalProviders providers)
            throws Exception {
        PushContacts contacts = new PushContacts();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                Reach reach = PushAudience.reach(i);
                switch (reach) {
                    case EMAIL_AND_APNS, EMAIL_AND_FCM, EMAIL_AND_WEB_PUSH -> {
                        DeviceRegistered device = contacts.device(i, user, reach, providers);
                        String topic = deployment.topics.deviceEvents().name();
                        producer.send(record(topic, event(api.organization, user, 1)
                                .setEmailSet(EmailSet.newBuilder().setEmail(PushAudience.address(user))).build()));
                        producer.send(record(topic, event(api.organization, user, 2).setRegistered(device).build()));
                    }
                    case UNREGISTERED_APNS, UNREGISTERED_FCM -> registerRefused(i, user, reach, api, providers);
                    case NOTHING -> { }
                }
            }
            producer.flush();
        }
        return contacts;
    }

    /** The browser of a member with a Web Push subscription, which decrypts what was pushed to it. */
    public UserAgent browser(String user) {
        return browsers.get(user);
    }

    private DeviceRegistered device(int index, String user, Reach reach, LocalProviders providers) throws Exception {
        DeviceRegistered.Builder device = DeviceRegistered.newBuilder().setDeviceId("device-" + user);
        return switch (reach) {
            case EMAIL_AND_APNS -> device.setPlatform(Platform.PLATFORM_IOS)
                    .setPushToken(PushAudience.apnsToken(index, reach)).build();
            case EMAIL_AND_FCM -> device.setPlatform(Platform.PLATFORM_ANDROID)
                    .setPushToken(PushAudience.fcmToken(user, reach)).build();
            default -> {
                UserAgent browser = UserAgent.fresh();
                browsers.put(user, browser);
                yield device.setPlatform(Platform.PLATFORM_WEB)
                        .setPushToken(browser.subscription(providers.webPush.endpoint(user))).build();
            }
        };
    }

    private static void registerRefused(int index, String user, Reach reach, Api api, LocalProviders providers) {
        RegisterRequest.Builder request = RegisterRequest.newBuilder().setDeviceId("device-" + user);
        if (reach == Reach.UNREGISTERED_APNS) {
            String token = PushAudience.apnsToken(index, reach);
            providers.apns.refuse(token, new ApnsServer.Refusal(410, "Unregistered"));
            request.setPlatform(Platform.PLATFORM_IOS).setPushToken(token);
        } else {
            String token = PushAudience.fcmToken(user, reach);
            providers.fcm.refuse(token, new FcmServer.Refusal(404, "NOT_FOUND", "UNREGISTERED", null));
            request.setPlatform(Platform.PLATFORM_ANDROID).setPushToken(token);
        }
        api.devices(api.recipient(user)).register(request.build());
    }

    private static DeviceEvent.Builder event(String organization, String user, long version) {
        return DeviceEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOrganizationId(organization)
                .setUserId(user).setVersion(version).setActor(user);
    }

    private static ProducerRecord<String, byte[]> record(String topic, DeviceEvent event) {
        return new ProducerRecord<>(topic, null, event.getUserId(), event.toByteArray(),
                EventHeaders.of(event, event.getEventId()));
    }
}
