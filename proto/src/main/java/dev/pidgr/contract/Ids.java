package dev.pidgr.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic ids (RFC 9562 UUIDv5, SHA-1 name-based) that producers and consumers can recompute.
 * Every name is hashed under {@link #NAMESPACE}, itself the UUIDv5 of the URL namespace and
 * {@code urn:pidgr:engine}. The exact names are documented in docs/events.md and must never change.
 * Names joining parts with {@code /} are unambiguous only because every part but one has a fixed
 * form without a slash (a UUID, a number): keep it so when adding one, or length-prefix as
 * {@link #keyedName} does.
 */
public final class Ids {

    /** {@code uuid5(NAMESPACE_URL, "urn:pidgr:engine")}. */
    public static final UUID NAMESPACE = UUID.fromString("05a4b068-777d-5a03-859e-3360904ded72");

    private static final byte[] NAMESPACE_BYTES = ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits())
            .putLong(NAMESPACE.getLeastSignificantBits())
            .array();
    /** One digest per thread: the workflow processor's fan-out makes three ids per delivery. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    });

    private Ids() {
    }

    /** A delivery's id: {@code uuid5(NAMESPACE, "delivery:" + campaignId + "/" + userId)}. */
    public static String deliveryId(String campaignId, String userId) {
        return uuid5("delivery:" + campaignId + "/" + userId);
    }

    /**
     * The id of a campaign created with an idempotency key: {@code uuid5(NAMESPACE, keyedName("campaign", orgId,
     * key))}.
     */
    public static String campaignIdForIdempotencyKey(String organizationId, String idempotencyKey) {
        return uuid5(keyedName("campaign", organizationId, idempotencyKey));
    }

    /**
     * The id of a template created with an idempotency key: {@code uuid5(NAMESPACE, keyedName("template", orgId,
     * key))}.
     */
    public static String templateIdForIdempotencyKey(String organizationId, String idempotencyKey) {
        return uuid5(keyedName("template", organizationId, idempotencyKey));
    }

    /**
     * The name of a keyed id. Both parts are free text, so the name must say where the organization
     * ends. For an organization without a slash the first slash does: {@code kind:<org>/<key>}, the
     * name every keyed id has always had, so no existing id changes. An organization with a slash
     * (where that form let organization {@code a} with key {@code b/x} and organization {@code a/b}
     * with key {@code x} share an id) is length-prefixed instead:
     * {@code kind-key:<UTF-8 length of org>:<org>/<key>}, a kind the first form never has.
     */
    static String keyedName(String kind, String organizationId, String key) {
        if (organizationId.indexOf('/') < 0) {
            return kind + ":" + organizationId + "/" + key;
        }
        return kind + "-key:" + organizationId.getBytes(StandardCharsets.UTF_8).length + ":" + organizationId + "/"
                + key;
    }

    /**
     * A push request's id: {@code uuid5(NAMESPACE, "push:" + deliveryId + "/" + reminderNumber)}; 0 is the
     * notification.
     */
    public static String pushId(String deliveryId, int reminderNumber) {
        return uuid5("push:" + deliveryId + "/" + reminderNumber);
    }

    /**
     * A webhook page's Idempotency-Key: {@code uuid5(NAMESPACE, "webhook:" + campaignId + "/" + stepId + "/" + page)}.
     */
    public static String webhookIdempotencyKey(String campaignId, String stepId, int page) {
        return uuid5("webhook:" + campaignId + "/" + stepId + "/" + page);
    }

    /** A workflow delivery event's id: {@code uuid5(NAMESPACE, "delivery-event:" + campaignId + "/" + version)}. */
    public static String deliveryEventId(String campaignId, long version) {
        return uuid5("delivery-event:" + campaignId + "/" + version);
    }

    /** {@code uuid5(NAMESPACE, name)} as a lowercase string. */
    public static String uuid5(String name) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(NAMESPACE_BYTES);
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }
}
