package dev.pidgr.gateway.push;

import dev.pidgr.gateway.apns.ApnsSettings;
import dev.pidgr.gateway.fcm.FcmSettings;
import dev.pidgr.gateway.webpush.WebPushSettings;
import java.util.Map;
import java.util.Optional;

/**
 * Which push providers this gateway uses and how (docs/channels.md): a provider is on when its credential
 * variable is set ({@code PIDGR_APNS_KEY_FILE}, {@code PIDGR_FCM_SERVICE_ACCOUNT_FILE},
 * {@code PIDGR_WEBPUSH_VAPID_PUBLIC_KEY}). Safe to log: it holds paths and a {@link Secret}, never key material.
 */
public record PushSettings(
        Optional<ApnsSettings> apns, Optional<FcmSettings> fcm, Optional<WebPushSettings> webPush) {

    /** Reads every provider's settings from the variables (the process environment in production). */
    public static PushSettings fromVariables(Map<String, String> variables) {
        Variables values = new Variables(variables);
        return new PushSettings(ApnsSettings.from(values), FcmSettings.from(values), WebPushSettings.from(values));
    }
}
