package dev.pidgr.contract;

import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.WebhookResult;
import java.util.List;
import java.util.Map;

/**
 * Every topic of the system, declared once with its key, value serde and configuration.
 * Names carry a namespace prefix (empty by default) so tests and several deployments can share
 * one broker. See docs/events.md for what each topic means to its consumers.
 */
public final class Topics {

    /** Event topics are the store of record: kept forever, never compacted, records up to 1 MiB. */
    static final Map<String, String> EVENT_LOG = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "max.message.bytes", String.valueOf(Limits.MAX_PUBLIC_RECORD_BYTES));

    /** Commands may carry a whole 100,000-member audience: compressed, up to 64 MiB, kept a week. */
    static final Map<String, String> COMMANDS = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", String.valueOf(7L * 24 * 3600 * 1000),
            "max.message.bytes", String.valueOf(Limits.MAX_COMMAND_RECORD_BYTES));

    /** Inputs and outputs that matter for a while, not forever. */
    static final Map<String, String> WEEK = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    /** Results matter to a waiting gateway for seconds; kept a day for diagnosis. */
    static final Map<String, String> DAY = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", String.valueOf(24L * 3600 * 1000));

    private final String prefix;
    private final Topic<CampaignCommand> campaignCommands;
    private final Topic<TemplateCommand> templateCommands;
    private final Topic<CommandResult> commandResults;
    private final Topic<CampaignEvent> campaignEvents;
    private final Topic<TemplateEvent> templateEvents;
    private final Topic<DeliveryEvent> deliveryEvents;
    private final Topic<DeliveryInteraction> deliveryInteractions;
    private final Topic<PushRequest> notificationsPush;
    private final Topic<WebhookResult> webhookResults;
    private final Topic<DeviceCommand> deviceCommands;
    private final Topic<DeviceEvent> deviceEvents;
    private final Topic<DeliveryReceipt> deliveryReceipts;

    private Topics(String prefix) {
        this.prefix = prefix;
        campaignCommands = topic(
                "pidgr.campaign.commands",
                CampaignCommand.parser(),
                CampaignCommand.getDescriptor().getFullName(),
                COMMANDS);
        templateCommands = topic(
                "pidgr.template.commands",
                TemplateCommand.parser(),
                TemplateCommand.getDescriptor().getFullName(),
                COMMANDS);
        commandResults = topic(
                "pidgr.command.results",
                CommandResult.parser(),
                CommandResult.getDescriptor().getFullName(),
                DAY);
        campaignEvents = topic(
                "pidgr.campaign.events",
                CampaignEvent.parser(),
                CampaignEvent.getDescriptor().getFullName(),
                EVENT_LOG);
        templateEvents = topic(
                "pidgr.template.events",
                TemplateEvent.parser(),
                TemplateEvent.getDescriptor().getFullName(),
                EVENT_LOG);
        deliveryEvents = topic(
                "pidgr.delivery.events",
                DeliveryEvent.parser(),
                DeliveryEvent.getDescriptor().getFullName(),
                EVENT_LOG);
        deliveryInteractions = topic(
                "pidgr.delivery.interactions",
                DeliveryInteraction.parser(),
                DeliveryInteraction.getDescriptor().getFullName(),
                WEEK);
        notificationsPush = topic(
                "pidgr.notifications.push",
                PushRequest.parser(),
                PushRequest.getDescriptor().getFullName(),
                WEEK);
        webhookResults = topic(
                "pidgr.workflow.webhook-results",
                WebhookResult.parser(),
                WebhookResult.getDescriptor().getFullName(),
                WEEK);
        deviceCommands = topic(
                "pidgr.device.commands",
                DeviceCommand.parser(),
                DeviceCommand.getDescriptor().getFullName(),
                WEEK);
        deviceEvents = topic(
                "pidgr.device.events",
                DeviceEvent.parser(),
                DeviceEvent.getDescriptor().getFullName(),
                EVENT_LOG);
        deliveryReceipts = topic(
                "pidgr.delivery.receipts",
                DeliveryReceipt.parser(),
                DeliveryReceipt.getDescriptor().getFullName(),
                WEEK);
    }

    /** The topics of the default deployment (no prefix). */
    public static Topics standard() {
        return new Topics("");
    }

    /** The topics under a namespace: {@code withNamespace("t42")} gives {@code t42.pidgr.campaign.events}. */
    public static Topics withNamespace(String namespace) {
        return new Topics(namespace == null || namespace.isEmpty() ? "" : namespace + ".");
    }

    private <V extends com.google.protobuf.Message> Topic<V> topic(
            String base, com.google.protobuf.Parser<V> parser, String messageName, Map<String, String> config) {
        return new Topic<>(prefix + base, new ProtobufSerde<>(parser, messageName), config);
    }

    /** The namespace prefix including its trailing dot, or empty. Also prefixes Streams application ids. */
    public String prefix() {
        return prefix;
    }

    /** Commands for campaigns, keyed by campaign id. Writers: api gateway, workflow processor. Reader: command side. */
    public Topic<CampaignCommand> campaignCommands() {
        return campaignCommands;
    }

    /** Commands for templates, keyed by template id. Writer: api gateway. Reader: command side. */
    public Topic<TemplateCommand> templateCommands() {
        return templateCommands;
    }

    /** One result per command, keyed by command id. Writer: command side. Reader: api gateway. */
    public Topic<CommandResult> commandResults() {
        return commandResults;
    }

    /** Campaign events, keyed by campaign id. Single writer: command side. */
    public Topic<CampaignEvent> campaignEvents() {
        return campaignEvents;
    }

    /** Template events, keyed by template id. Single writer: command side. */
    public Topic<TemplateEvent> templateEvents() {
        return templateEvents;
    }

    /** Delivery and workflow-progress events, keyed by campaign id. Single writer: workflow processor. */
    public Topic<DeliveryEvent> deliveryEvents() {
        return deliveryEvents;
    }

    /** Recipients' interactions, keyed by campaign id. Writer: api. Reader: workflow processor. */
    public Topic<DeliveryInteraction> deliveryInteractions() {
        return deliveryInteractions;
    }

    /** Push requests for a push gateway, keyed by user id. Writer: workflow processor. */
    public Topic<PushRequest> notificationsPush() {
        return notificationsPush;
    }

    /** Webhook call results fed back into the workflow topology, keyed by campaign id. */
    public Topic<WebhookResult> webhookResults() {
        return webhookResults;
    }

    /** Commands about a recipient's devices and email, keyed by user id. Writers: api, gateway. Reader: commands. */
    public Topic<DeviceCommand> deviceCommands() {
        return deviceCommands;
    }

    /** Device and contact events, keyed by user id. Single writer: command side. Readers: query, gateway. */
    public Topic<DeviceEvent> deviceEvents() {
        return deviceEvents;
    }

    /** One receipt per delivery attempt, keyed by campaign id. Writer: gateway. Reader: workflow processor. */
    public Topic<DeliveryReceipt> deliveryReceipts() {
        return deliveryReceipts;
    }

    /** The dead-letter topic of an input topic: where unreadable records are parked. */
    public String deadLetter(Topic<?> input) {
        return input.name() + ".dlq";
    }

    /** Every topic, in a stable order. */
    public List<Topic<?>> all() {
        return List.of(campaignCommands, templateCommands, commandResults, campaignEvents, templateEvents,
                deliveryEvents, deliveryInteractions, notificationsPush, webhookResults, deviceCommands, deviceEvents,
                deliveryReceipts);
    }

    /** The input topics that have a dead-letter topic. */
    public List<Topic<?>> inputs() {
        return List.of(campaignCommands, templateCommands, campaignEvents, templateEvents, deliveryEvents,
                deliveryInteractions, webhookResults, deviceCommands, deviceEvents, deliveryReceipts,
                notificationsPush);
    }
}
