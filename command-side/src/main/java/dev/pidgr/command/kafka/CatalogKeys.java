package dev.pidgr.command.kafka;

/** Keys of the template catalog: one entry per version and a latest-version pointer per template. */
public final class CatalogKeys {

    private CatalogKeys() {
    }

    public static String version(String templateId, int version) {
        return templateId + "/" + version;
    }

    public static String latest(String templateId) {
        return templateId + "/latest";
    }
}
