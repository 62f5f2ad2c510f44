package dev.pidgr.workflow;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The workflow topology on a TopologyTestDriver, with a wall clock the test moves. */
final class WorkflowDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final byte[] SECRET = "test-webhook-secret-0123456789abcdef".getBytes();

    final Topics topics = Topics.withNamespace("ttd");
    final BlockingQueue<WebhookResult> webhookResults = new LinkedBlockingQueue<>();
    final WorkflowSettings settings;
    private final WebhookDispatcher dispatcher;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CampaignEvent> campaignEvents;
    private final TestInputTopic<String, TemplateEvent> templateEvents;
    private final TestInputTopic<String, DeliveryInteraction> interactions;
    private final TestInputTopic<String, WebhookResult> results;
    final TestInputTopic<String, byte[]> rawCampaignEvents;
    private final TestOutputTopic<String, DeliveryEvent> deliveryEvents;
    private final TestOutputTopic<String, PushRequest> pushes;
    private final TestOutputTopic<String, CampaignCommand> commands;
    private final TestOutputTopic<String, byte[]> campaignEventsDlq;
    final List<TestRecord<String, DeliveryEvent>> events = new ArrayList<>();
    final List<TestRecord<String, PushRequest>> pushRequests = new ArrayList<>();
    final List<TestRecord<String, CampaignCommand>> commandRecords = new ArrayList<>();
    final List<TestRecord<String, byte[]>> parked = new ArrayList<>();

    WorkflowDriver() {
        this(WorkflowSettings.defaults()
                .withWebhookSecret(SECRET)
                .withBatches(2, 1024 * 1024)
                .withAllowInsecureWebhooks(true)
                .withWebhookTiming(Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(100), 3));
    }

    WorkflowDriver(WorkflowSettings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the punctuation's work budget is measured with */
    WorkflowDriver(WorkflowSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.dispatcher = new WebhookDispatcher(settings, webhookResults::add);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-workflow");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ttd-workflow").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(WorkflowTopology.build(topics, settings, dispatcher, nanoTime), props, T0);
        StringSerializer keys = new StringSerializer();
        campaignEvents = driver.createInputTopic(
                topics.campaignEvents().name(),
                keys,
                topics.campaignEvents().valueSerde().serializer());
        rawCampaignEvents = driver.createInputTopic(topics.campaignEvents().name(), keys, new ByteArraySerializer());
        templateEvents = driver.createInputTopic(
                topics.templateEvents().name(),
                keys,
                topics.templateEvents().valueSerde().serializer());
        interactions = driver.createInputTopic(topics.deliveryInteractions().name(), keys,
                topics.deliveryInteractions().valueSerde().serializer());
        results = driver.createInputTopic(
                topics.webhookResults().name(),
                keys,
                topics.webhookResults().valueSerde().serializer());
        StringDeserializer keysOut = new StringDeserializer();
        deliveryEvents = driver.createOutputTopic(
                topics.deliveryEvents().name(),
                keysOut,
                topics.deliveryEvents().valueSerde().deserializer());
        pushes = driver.createOutputTopic(
                topics.notificationsPush().name(),
                keysOut,
                topics.notificationsPush().valueSerde().deserializer());
        commands = driver.createOutputTopic(
                topics.campaignCommands().name(),
                keysOut,
                topics.campaignCommands().valueSerde().deserializer());
        campaignEventsDlq = driver.createOutputTopic(topics.deadLetter(topics.campaignEvents()), keysOut,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    long now() {
        return T0.toEpochMilli() + elapsed;
    }

    private long elapsed;

    void template(TemplateEvent event) {
        templateEvents.pipeInput(event.getTemplateId(), event);
    }

    void campaign(CampaignEvent event) {
        campaignEvents.pipeInput(event.getCampaignId(), event, now());
        collect();
    }

    /** Creates and starts a campaign; returns the next campaign event version. */
    long createAndStart(String campaignId, WorkflowDefinition workflow, List<String> users) {
        List<CampaignEvent> created = Campaigns.created(campaignId, workflow, users, 3);
        created.forEach(this::campaign);
        campaign(Campaigns.started(campaignId, created.size() + 1, workflow, now()));
        return created.size() + 2;
    }

    void ack(String campaignId, String userId) {
        interact(campaignId, userId, DeliveryInteraction.newBuilder()
                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")));
    }

    void read(String campaignId, String userId) {
        interact(campaignId, userId, DeliveryInteraction.newBuilder().setRead(Read.getDefaultInstance()));
    }

    void receive(String campaignId, String userId) {
        interact(campaignId, userId, DeliveryInteraction.newBuilder().setReceived(Received.getDefaultInstance()));
    }

    void interact(String campaignId, String userId, DeliveryInteraction.Builder interaction) {
        interactAsGiven(campaignId, userId, interaction.setInteractionId(UUID.randomUUID().toString()));
    }

    /** As above, keeping the interaction id the builder has (for tests whose outputs must not vary between runs). */
    void interactAsGiven(String campaignId, String userId, DeliveryInteraction.Builder interaction) {
        interactions.pipeInput(campaignId, interaction.setCampaignId(campaignId)
                .setOrganizationId(Campaigns.ORG).setUserId(userId).setDeliveryId(Ids.deliveryId(campaignId, userId))
                .setOccurredAt(Timestamps.fromMillis(now())).build(), now());
        collect();
    }

    /** Moves the wall clock; the punctuator runs once. */
    void advance(Duration by) {
        elapsed += by.toMillis();
        driver.advanceWallClockTime(by);
        collect();
    }

    /** Lets the punctuator run a number of times, so batched work gets done. */
    void tick(int times) {
        for (int i = 0; i < times; i++) {
            advance(settings.punctuationInterval());
        }
    }

    /** Ticks until the topology has nothing left to do right now (three quiet punctuations). */
    void settle() {
        int quiet = 0;
        for (int i = 0; i < 10_000 && quiet < 3; i++) {
            int before = events.size() + pushRequests.size() + commandRecords.size();
            tick(1);
            quiet = events.size() + pushRequests.size() + commandRecords.size() == before ? quiet + 1 : 0;
        }
    }

    /** Waits for the dispatcher's results, ticking meanwhile, and feeds them back as the results topic would. */
    List<WebhookResult> pumpWebhookResults(int expected) throws InterruptedException {
        List<WebhookResult> pumped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pumped.size() < expected) {
            WebhookResult result = webhookResults.poll(20, TimeUnit.MILLISECONDS);
            if (result == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + pumped.size() + " of " + expected + " webhook results arrived");
                }
                tick(1);
                continue;
            }
            pumped.add(result);
            results.pipeInput(result.getCampaignId(), result, now());
            collect();
        }
        settle();
        return pumped;
    }

    void pipeWebhookResult(WebhookResult result) {
        results.pipeInput(result.getCampaignId(), result, now());
        collect();
    }

    /** Webhook pages frozen in the store and still without a result. */
    long storedWebhookPages() {
        long count = 0;
        try (var pages = driver.getKeyValueStore(dev.pidgr.workflow.kafka.WorkflowStores.WEBHOOK_PAGES).all()) {
            while (pages.hasNext()) {
                pages.next();
                count++;
            }
        }
        return count;
    }

    List<DeliveryEvent> events() {
        return events.stream().map(TestRecord::value).toList();
    }

    List<DeliveryEvent> events(DeliveryEvent.PayloadCase payload) {
        return events().stream().filter(e -> e.getPayloadCase() == payload).toList();
    }

    List<PushRequest> pushes() {
        return pushRequests.stream().map(TestRecord::value).toList();
    }

    List<CampaignCommand> commands() {
        return commandRecords.stream().map(TestRecord::value).toList();
    }

    Headers commandHeaders(int index) {
        return commandRecords.get(index).headers();
    }

    private void collect() {
        events.addAll(deliveryEvents.readRecordsToList());
        pushRequests.addAll(pushes.readRecordsToList());
        commandRecords.addAll(commands.readRecordsToList());
        parked.addAll(campaignEventsDlq.readRecordsToList());
    }

    @Override
    public void close() {
        driver.close();
        dispatcher.close();
    }
}
