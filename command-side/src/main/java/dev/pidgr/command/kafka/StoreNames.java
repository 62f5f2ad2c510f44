package dev.pidgr.command.kafka;

/** The state stores of the command side (their changelogs are {@code <application.id>-<name>-changelog}). */
public final class StoreNames {

    /** Campaign states ("<campaignId>") and audience chunks ("<campaignId>/audience/<index>"). */
    public static final String CAMPAIGNS = "campaigns";
    /** Idempotency keys of campaign commands. */
    public static final String CAMPAIGN_IDEMPOTENCY = "campaign-idempotency";
    /** Campaign commands waiting for a template to appear in the catalog, and those queued behind them. */
    public static final String CAMPAIGN_PARKING = "campaign-parking";
    /** Template states ("<templateId>"). */
    public static final String TEMPLATES = "templates";
    /** Idempotency keys of template commands. */
    public static final String TEMPLATE_IDEMPOTENCY = "template-idempotency";
    /** Recipients' devices and email ({@link StoreKeys#recipient}). */
    public static final String DEVICES = "devices";
    /** Idempotency keys of device commands. */
    public static final String DEVICE_IDEMPOTENCY = "device-idempotency";
    /** The global template lookup catalog ("<templateId>/<version>", "<templateId>/latest"). */
    public static final String TEMPLATE_CATALOG = "template-catalog";

    private StoreNames() {
    }
}
