package dev.pidgr.workflow.kafka;

/**
 * State-store keys. Per-campaign keys start with {@code <campaignId>/} so one campaign's entries
 * are one contiguous range in RocksDB's byte order: {@code [campaignId/, campaignId0)} ('0'
 * follows '/'), resumable from any key.
 */
public final class Keys {

    private static final int DUE_DIGITS = 15;
    private static final String NUDGE = "/nudge";

    private Keys() {
    }

    /** A member's (and its delivery's) key. */
    public static String member(String campaignId, String userId) {
        return campaignId + "/" + userId;
    }

    /** The first possible key of a campaign's range. */
    public static String first(String campaignId) {
        return campaignId + "/";
    }

    /** The smallest key strictly after {@code member(campaignId, userId)}. */
    public static String after(String campaignId, String userId) {
        return member(campaignId, userId) + "\u0000";
    }

    /** An inclusive upper bound of a campaign's range that no key of it reaches. */
    public static String end(String campaignId) {
        return campaignId + "0";
    }

    /** The user id of a member key of {@code campaignId}. */
    public static String userOf(String campaignId, String key) {
        return key.substring(campaignId.length() + 1);
    }

    /** A fan-out batch's key in the send log, in batch order. */
    public static String sendBatch(String campaignId, int sequence) {
        return campaignId + "/" + pad(sequence, 9);
    }

    /** A frozen webhook page's key. */
    public static String webhookPage(String campaignId, String stepId, int page) {
        return campaignId + "/" + stepId + "/" + pad(page, 6);
    }

    /** A wake-up's key: ordered by due time. */
    public static String wakeUp(long dueEpochMillis, String campaignId) {
        return pad(dueEpochMillis, DUE_DIGITS) + "/" + campaignId;
    }

    /** An inclusive upper bound of the wake-ups due at or before {@code nowEpochMillis}. */
    public static String wakeUpsDueBy(long nowEpochMillis) {
        return pad(nowEpochMillis, DUE_DIGITS) + "0";
    }

    /** A nudge's wake-up key: in the same order, beside its campaign's step wake-up. */
    public static String nudgeWakeUp(long dueEpochMillis, String campaignId) {
        return wakeUp(dueEpochMillis, campaignId) + NUDGE;
    }

    /** Whether a wake-up key is a nudge's. */
    public static boolean isNudgeWakeUp(String key) {
        return key.endsWith(NUDGE);
    }

    /** The campaign id of a wake-up key (a step's or a nudge's). */
    public static String campaignOfWakeUp(String key) {
        String rest = key.substring(DUE_DIGITS + 1);
        return isNudgeWakeUp(key) ? rest.substring(0, rest.length() - NUDGE.length()) : rest;
    }

    /** The due time of a wake-up key. */
    public static long dueOfWakeUp(String key) {
        return Long.parseLong(key, 0, DUE_DIGITS, 10);
    }

    /** A template version's key in the global template store. */
    public static String templateVersion(String templateId, long version) {
        return templateId + "/" + version;
    }

    private static String pad(long value, int digits) {
        String s = Long.toString(value);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }
}
