package dev.pidgr.faults.support;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.Channel;
import java.util.List;

/**
 * Who GatewayKillTest's members are, by position, pure: most have an email address and one device (iOS, Android
 * or a browser, in turn), a few only a device whose token the provider answers as unregistered, a tenth nothing.
 */
public final class PushAudience {

    /** What one member can be reached by. */
    public enum Reach {
        EMAIL_AND_APNS, EMAIL_AND_FCM, EMAIL_AND_WEB_PUSH, UNREGISTERED_APNS, UNREGISTERED_FCM, NOTHING;

        /** The channels the gateway sends this member's push to. */
        public List<Channel> channels() {
            return switch (this) {
                case EMAIL_AND_APNS -> List.of(Channel.CHANNEL_EMAIL, Channel.CHANNEL_APNS);
                case EMAIL_AND_FCM -> List.of(Channel.CHANNEL_EMAIL, Channel.CHANNEL_FCM);
                case EMAIL_AND_WEB_PUSH -> List.of(Channel.CHANNEL_EMAIL, Channel.CHANNEL_WEB_PUSH);
                case UNREGISTERED_APNS -> List.of(Channel.CHANNEL_APNS);
                case UNREGISTERED_FCM -> List.of(Channel.CHANNEL_FCM);
                case NOTHING -> List.of();
            };
        }

        /** The delivery's status once the gateway's receipts are folded (docs/channels.md). */
        public DeliveryStatus finalStatus() {
            return switch (this) {
                case EMAIL_AND_APNS, EMAIL_AND_FCM, EMAIL_AND_WEB_PUSH -> DeliveryStatus.DELIVERY_STATUS_SENT;
                case UNREGISTERED_APNS, UNREGISTERED_FCM -> DeliveryStatus.DELIVERY_STATUS_FAILED;
                case NOTHING -> DeliveryStatus.DELIVERY_STATUS_NO_DEVICE;
            };
        }

        public boolean unregistered() {
            return this == UNREGISTERED_APNS || this == UNREGISTERED_FCM;
        }
    }

    private PushAudience() {
    }

    /** Member {@code index}'s reach: a tenth nothing, 2 in 50 an unregistered token, the rest email and a device. */
    public static Reach reach(int index) {
        if (index % 10 == 9) {
            return Reach.NOTHING;
        }
        if (index % 50 == 4) {
            return Reach.UNREGISTERED_APNS;
        }
        if (index % 50 == 24) {
            return Reach.UNREGISTERED_FCM;
        }
        return switch (index % 3) {
            case 0 -> Reach.EMAIL_AND_APNS;
            case 1 -> Reach.EMAIL_AND_FCM;
            default -> Reach.EMAIL_AND_WEB_PUSH;
        };
    }

    public static String address(String user) {
        return user + "@example.org";
    }

    /** An APNs device token: hexadecimal, as Pushy sends only a token's hex digits. */
    public static String apnsToken(int index, Reach reach) {
        return (reach.unregistered() ? "dead" : "a0a0") + String.format("%060x", index);
    }

    public static String fcmToken(String user, Reach reach) {
        return (reach.unregistered() ? "gone-" : "fcm-") + user;
    }
}
