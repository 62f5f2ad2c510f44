package dev.pidgr.gateway.channel;

/**
 * One message to one address, as a sender needs it.
 *
 * @param pushId the push request's id (deterministic per delivery and reminder): the provider-side id
 * @param organizationId the recipient's organization (per-organization settings such as email)
 * @param userId the recipient
 * @param deviceId the device, or empty for email
 * @param address where to: an APNs device token, an FCM registration token, a Web Push subscription as
 *     JSON ({@code endpoint}, {@code keys.p256dh}, {@code keys.auth}), or an email address
 * @param title the message title
 * @param summary the message summary (the push's text)
 * @param body the rendered body (email)
 * @param senderName the campaign's sender name (email)
 * @param deepLink where the app opens: {@code pidgr://inbox/<delivery_id>}
 * @param attempt 1 for the first attempt
 */
public record Outgoing(
        String pushId,
        String organizationId,
        String userId,
        String deviceId,
        String address,
        String title,
        String summary,
        String body,
        String senderName,
        String deepLink,
        int attempt) {}
