package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.Results;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.*;
import dev.pidgr.events.v1.DeliveryInteraction;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service semantics at the edge: validation on the wire, read-your-writes, inbox receipts and actions. */
class ServicesTest {

    private static ApiHarness api;
    private static CampaignServiceGrpc.CampaignServiceBlockingStub campaigns;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.responder.answerCampaigns(command -> Optional.of(Results.accepted(command, 1)));
        campaigns = api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class,
                TestTokens.token("alice", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static InboxEntry entry(String userId, DeliveryStatus status) {
        String campaign = UUID.randomUUID().toString();
        return InboxEntry.newBuilder()
                .setDeliveryId(UUID.randomUUID().toString())
                .setStatus(status)
                .setMessage(Message.newBuilder().setCampaignId(campaign).setTitle("hello " + userId)
                        .addActions(MessageAction.newBuilder().setId("ack").setType(ActionType.ACTION_TYPE_ACK)))
                .build();
    }

    @Test
    void shouldRefuseAnInvalidRequestWithEveryViolation() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> campaigns.createCampaign(CreateCampaignRequest.newBuilder()
                        .setName("n".repeat(201)).setTemplateId("nope").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("name: must be at most 200 characters");
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolationsList())
                .extracting(v -> v.getField()).containsExactly("name", "template_id");
    }

    @Test
    void shouldRefuseANegativeSyncLimit() {
        var inbox = api.stub(InboxServiceGrpc.InboxServiceBlockingStub.class, TestTokens.token("bob", TestTokens.ORG));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> inbox.sync(SyncRequest.newBuilder().setLimit(-1).build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("limit");
    }

    @Test
    void shouldReadItsOwnWriteOnceProjected() throws Exception {
        String id = campaigns.createCampaign(CreateCampaignRequest.newBuilder().setName("mine")
                .setTemplateId(UUID.randomUUID().toString()).addUserIds("u1").build()).getCampaign().getId();
        CompletableFuture<GetCampaignResponse> read = CompletableFuture.supplyAsync(
                () -> campaigns.getCampaign(GetCampaignRequest.newBuilder().setId(id).build()));
        Thread.sleep(300);
        assertThat(read).isNotDone();
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(id).setName("mine").setVersion(1).build());
        assertThat(read.get(30, TimeUnit.SECONDS).getCampaign().getName()).isEqualTo("mine");
    }

    @Test
    void shouldAnswerUnavailableWhenTheProjectionDoesNotCatchUp() {
        String id = campaigns.createCampaign(CreateCampaignRequest.newBuilder().setName("never projected")
                .setTemplateId(UUID.randomUUID().toString()).addUserIds("u1").build()).getCampaign().getId();
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> campaigns.listCampaigns(ListCampaignsRequest.getDefaultInstance()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(id).setVersion(1).build());
        assertThat(campaigns.listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaignsList())
                .extracting(Campaign::getId).contains(id);
    }

    @Test
    void shouldHonourTheMinimumVersionHeader() throws Exception {
        String id = UUID.randomUUID().toString();
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(id).setVersion(1).build());
        CompletableFuture<GetCampaignResponse> read =
                CompletableFuture.supplyAsync(() -> Calls.withHeader(campaigns, "x-pidgr-min-version", "2")
                        .getCampaign(GetCampaignRequest.newBuilder().setId(id).build()));
        Thread.sleep(300);
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(id).setVersion(2).build());
        assertThat(read.get(30, TimeUnit.SECONDS).getCampaign().getVersion()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAForgedPageTokenNamingIt() {
        StatusRuntimeException error = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> api.stub(
                                TemplateServiceGrpc.TemplateServiceBlockingStub.class,
                                TestTokens.token("alice", TestTokens.ORG, Permission.VIEW_TEMPLATES))
                        .listTemplates(ListTemplatesRequest.newBuilder()
                                .setPagination(Pagination.newBuilder().setPageToken("forged"))
                                .build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField())
                .isEqualTo("pagination.page_token");
    }

    @Test
    void shouldDeliverEntriesNoChannelReachedOnSyncAndPublishTheirReceipt() {
        InboxEntry noDevice = entry("frida", DeliveryStatus.DELIVERY_STATUS_NO_DEVICE);
        InboxEntry failed = entry("frida", DeliveryStatus.DELIVERY_STATUS_FAILED);
        api.reads.addInboxEntry(TestTokens.ORG, "frida", noDevice);
        api.reads.addInboxEntry(TestTokens.ORG, "frida", failed);
        var inbox =
                api.stub(InboxServiceGrpc.InboxServiceBlockingStub.class, TestTokens.token("frida", TestTokens.ORG));
        SyncResponse response = inbox.sync(SyncRequest.getDefaultInstance());
        assertThat(response.getEntriesList()).extracting(InboxEntry::getStatus)
                .containsExactly(DeliveryStatus.DELIVERY_STATUS_DELIVERED, DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(interactionFor(noDevice.getDeliveryId()).hasReceived()).isTrue();
        assertThat(interactionFor(failed.getDeliveryId()).hasReceived()).isTrue();
    }

    @Test
    void shouldDeliverSentEntriesOnSyncAndPublishTheirReceipt() {
        InboxEntry sent = entry("carol", DeliveryStatus.DELIVERY_STATUS_SENT);
        InboxEntry read = entry("carol", DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        api.reads.addInboxEntry(TestTokens.ORG, "carol", sent);
        api.reads.addInboxEntry(TestTokens.ORG, "carol", read);
        var inbox =
                api.stub(InboxServiceGrpc.InboxServiceBlockingStub.class, TestTokens.token("carol", TestTokens.ORG));
        SyncResponse response = inbox.sync(SyncRequest.getDefaultInstance());
        assertThat(response.getEntriesList()).extracting(InboxEntry::getStatus)
                .containsExactly(DeliveryStatus.DELIVERY_STATUS_DELIVERED, DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        DeliveryInteraction receipt = interactionFor(sent.getDeliveryId());
        assertThat(receipt.hasReceived()).isTrue();
        assertThat(receipt.getUserId()).isEqualTo("carol");
        assertThat(receipt.getOrganizationId()).isEqualTo(TestTokens.ORG);
        assertThat(receipt.getCampaignId()).isEqualTo(sent.getMessage().getCampaignId());
    }

    @Test
    void shouldPublishAnAcknowledgementForTheMessagesAction() {
        InboxEntry entry = entry("dave", DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        api.reads.addInboxEntry(TestTokens.ORG, "dave", entry);
        var actions =
                api.stub(ActionServiceGrpc.ActionServiceBlockingStub.class, TestTokens.token("dave", TestTokens.ORG));
        assertThat(actions.submitAction(SubmitActionRequest.newBuilder()
                                .setDeliveryId(entry.getDeliveryId())
                                .setActionId("ack")
                                .build())
                        .getSuccess())
                .isTrue();
        assertThat(interactionFor(entry.getDeliveryId()).getActionSubmitted().getActionId()).isEqualTo("ack");
    }

    @Test
    void shouldRefuseAnUnknownActionNamingIt() {
        InboxEntry entry = entry("erin", DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        api.reads.addInboxEntry(TestTokens.ORG, "erin", entry);
        var actions =
                api.stub(ActionServiceGrpc.ActionServiceBlockingStub.class, TestTokens.token("erin", TestTokens.ORG));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> actions.submitAction(
                SubmitActionRequest.newBuilder().setDeliveryId(entry.getDeliveryId()).setActionId("snooze").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("action_id");
    }

    @Test
    void shouldHideSomeoneElsesDeliveryAsNotFound() {
        InboxEntry entry = entry("frank", DeliveryStatus.DELIVERY_STATUS_SENT);
        api.reads.addInboxEntry(TestTokens.ORG, "frank", entry);
        var intruder = api.stub(
                ActionServiceGrpc.ActionServiceBlockingStub.class, TestTokens.token("mallory", TestTokens.ORG));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> intruder.submitAction(
                SubmitActionRequest.newBuilder().setDeliveryId(entry.getDeliveryId()).setActionId("ack").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        var otherOrg = api.stub(
                InboxServiceGrpc.InboxServiceBlockingStub.class, TestTokens.token("frank", TestTokens.OTHER_ORG));
        StatusRuntimeException foreign = catchThrowableOfType(StatusRuntimeException.class, () -> otherOrg.getMessage(
                GetMessageRequest.newBuilder().setDeliveryId(entry.getDeliveryId()).build()));
        assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    /** The interaction published for a delivery, read back from the real interactions topic. */
    private static DeliveryInteraction interactionFor(String deliveryId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, api.bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            String topic = api.topics.deliveryInteractions().name();
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    DeliveryInteraction interaction =
                            api.topics.deliveryInteractions().valueSerde().parse(record.value());
                    if (interaction.getDeliveryId().equals(deliveryId)) {
                        assertThat(record.key()).isEqualTo(interaction.getCampaignId());
                        return interaction;
                    }
                }
            }
        }
        throw new AssertionError("no interaction published for delivery " + deliveryId);
    }
}
