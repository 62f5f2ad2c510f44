package dev.pidgr.command.device;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.List;

/**
 * The field rules of the device commands (docs/api.md, DeviceService). A WEB token is a browser's
 * PushSubscription ({@link WebPushSubscription}); other tokens are opaque to us.
 */
final class DeviceRules {

    static final int MAX_DEVICE_ID = 200;
    static final int MAX_PUSH_TOKEN = 4_096;
    static final int MAX_EMAIL = 254;
    /** Active devices per recipient: a push fans out to each, so the bound caps one delivery's work. */
    static final int MAX_ACTIVE_DEVICES = 50;
    /** Devices a recipient may have registered at all (active or not): the bound of the aggregate's state. */
    static final int MAX_KNOWN_DEVICES = 1_000;

    private DeviceRules() {
    }

    static void deviceId(String deviceId, List<Violation> out) {
        Text.required(out, "device_id", deviceId, MAX_DEVICE_ID);
    }

    static void register(Platform platform, String pushToken, List<Violation> out) {
        if (platform == Platform.PLATFORM_UNSPECIFIED || platform == Platform.UNRECOGNIZED) {
            out.add(new Violation("platform", "platform must be IOS, ANDROID or WEB"));
        }
        Text.required(out, "push_token", pushToken, MAX_PUSH_TOKEN);
        if (platform == Platform.PLATFORM_WEB && !pushToken.isEmpty()
                && Text.length(pushToken) <= MAX_PUSH_TOKEN) {
            WebPushSubscription.problem(pushToken).ifPresent(p -> out.add(new Violation("push_token",
                    "a WEB push_token must be the browser's PushSubscription as JSON: " + p)));
        }
    }

    /** Empty clears the address; else at most 254 characters, one @, no spaces, a dot in the domain. */
    static void email(String email, List<Violation> out) {
        if (email.isEmpty()) {
            return;
        }
        if (Text.length(email) > MAX_EMAIL) {
            Text.maxLength(out, "email", email, MAX_EMAIL);
            return;
        }
        int at = email.indexOf('@');
        boolean plausible = at > 0
                && at == email.lastIndexOf('@')
                && email.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                && email.substring(at + 1).contains(".")
                && !email.endsWith(".")
                && !email.substring(at + 1).startsWith(".");
        if (!plausible) {
            out.add(new Violation("email", "email " + Text.quote(email)
                    + " is not an address (one @, no spaces, a dot in the domain)"));
        }
    }
}
