package dev.pidgr.command.kafka;

/** Keys of the command side's stores whose layout other code (the state check) must know. */
public final class StoreKeys {

    private StoreKeys() {
    }

    /** A catalog entry for one template version. */
    public static String catalogVersion(String templateId, int version) {
        return templateId + "/" + version;
    }

    /** The catalog's latest-version pointer of a template. */
    public static String catalogLatest(String templateId) {
        return templateId + "/latest";
    }

    /**
     * A recipient in the device store: the organization's length first, so no organization and user id pair
     * reads as another.
     */
    public static String recipient(String organizationId, String userId) {
        return organizationId.length() + ":" + organizationId + "/" + userId;
    }

    /** One audience chunk of a campaign in the campaign store. */
    public static String audienceChunk(String campaignId, int index) {
        return campaignId + "/audience/" + String.format("%05d", index);
    }

    /** Whether a campaign-store key is an audience chunk (else it is a campaign id). */
    public static boolean isAudienceChunk(String key) {
        return key.contains("/audience/");
    }
}
