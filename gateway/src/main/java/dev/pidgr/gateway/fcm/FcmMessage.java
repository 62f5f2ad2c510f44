package dev.pidgr.gateway.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pidgr.gateway.channel.Outgoing;

/**
 * The v1 {@code messages:send} body: a notification for the system tray (tagged with the push id on Android), the
 * push id and link as data.
 */
final class FcmMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FcmMessage() {}

    static String of(Outgoing message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("message");
        body.put("token", message.address());
        body.putObject("notification").put("title", message.title()).put("body", message.summary());
        body.putObject("data").put("push_id", message.pushId()).put("deep_link", message.deepLink());
        // The push id is the notification's tag: a copy sent again after a crash replaces it in the drawer.
        ObjectNode android = body.putObject("android").put("priority", "high");
        android.putObject("notification").put("tag", message.pushId());
        return root.toString();
    }
}
