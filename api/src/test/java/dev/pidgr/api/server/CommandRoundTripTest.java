package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.gateway.CommandMetadataFactory;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.Results;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignResponse;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.FieldViolation;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.Rejected;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mutations through the real gateway and broker, answered by a responder standing in for the command side. */
class CommandRoundTripTest {

    private static final String TEMPLATE = UUID.randomUUID().toString();
    private static ApiHarness api;
    private static CampaignServiceBlockingStub campaigns;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        campaigns = api.stub(CampaignServiceBlockingStub.class,
                TestTokens.token("alice", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void acceptEverything() {
        api.responder.answerCampaigns(command -> Optional.of(Results.accepted(command, 1)));
        api.responder.answerTemplates(command -> Optional.of(Results.accepted(command, 1)));
    }

    private static CreateCampaignRequest create(String name) {
        return CreateCampaignRequest.newBuilder()
                .setName(name)
                .setTemplateId(TEMPLATE)
                .addUserIds("u1")
                .addUserIds("u2")
                .build();
    }

    private static CampaignCommand sentCommand(String campaignId) {
        return api.responder.campaignCommands().stream()
                .filter(c -> c.getCampaignId().equals(campaignId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldAnswerEachCallWithItsOwnResult() throws Exception {
        List<CompletableFuture<CreateCampaignResponse>> calls = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> campaigns.createCampaign(create("campaign " + i))))
                .toList();
        for (int i = 0; i < calls.size(); i++) {
            CreateCampaignResponse response = calls.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.getCampaign().getName()).isEqualTo("campaign " + i);
            assertThat(sentCommand(response.getCampaign().getId())
                            .getCreateCampaign()
                            .getName())
                    .isEqualTo("campaign " + i);
        }
    }

    @Test
    void shouldSendTheCallersIdentityAndTheRequestHashInTheEnvelope() {
        CreateCampaignRequest request = create("envelope");
        String id = campaigns.createCampaign(request).getCampaign().getId();
        CampaignCommand command = sentCommand(id);
        assertThat(command.getMetadata().getOrganizationId()).isEqualTo(TestTokens.ORG);
        assertThat(command.getMetadata().getActor()).isEqualTo("alice");
        assertThat(command.getMetadata().getRpc()).isEqualTo("CreateCampaign");
        assertThat(command.getMetadata().getRequestHash().toByteArray())
                .isEqualTo(CommandMetadataFactory.requestHash(request));
        assertThat(command.getMetadata().getDeadline().getSeconds())
                .isGreaterThan(command.getMetadata().getIssuedAt().getSeconds());
        assertThat(command.getCreateCampaign().getAudienceList())
                .extracting(m -> m.getUserId())
                .containsExactly("u1", "u2");
    }

    @Test
    void shouldUseTheCallsDeadlineAsTheCommandsDeadline() {
        String id = campaigns
                .withDeadlineAfter(3, TimeUnit.SECONDS)
                .createCampaign(create("deadline"))
                .getCampaign()
                .getId();
        var metadata = sentCommand(id).getMetadata();
        long millis = (metadata.getDeadline().getSeconds() - metadata.getIssuedAt().getSeconds()) * 1000
                + (metadata.getDeadline().getNanos() - metadata.getIssuedAt().getNanos()) / 1_000_000;
        assertThat(millis).isBetween(1_000L, 3_000L);
    }

    @Test
    void shouldDeriveTheNewCampaignIdFromTheIdempotencyKey() {
        String id = Calls.withHeader(campaigns, "idempotency-key", "key-42")
                .createCampaign(create("keyed"))
                .getCampaign()
                .getId();
        assertThat(id).isEqualTo(Ids.campaignIdForIdempotencyKey(TestTokens.ORG, "key-42"));
        assertThat(sentCommand(id).getMetadata().getIdempotencyKey()).isEqualTo("key-42");
    }

    @Test
    void shouldDeriveTheNewTemplateIdFromTheIdempotencyKey() {
        var templates = api.stub(TemplateServiceGrpc.TemplateServiceBlockingStub.class,
                TestTokens.token("alice", TestTokens.ORG, Permission.MANAGE_TEMPLATES));
        String id = Calls.withHeader(templates, "idempotency-key", "tpl-1")
                .createTemplate(CreateTemplateRequest.newBuilder()
                        .setName("t")
                        .setBody("hello")
                        .build())
                .getTemplate()
                .getId();
        assertThat(id).isEqualTo(Ids.templateIdForIdempotencyKey(TestTokens.ORG, "tpl-1"));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyLongerThan200Characters() {
        StatusRuntimeException error = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> Calls.withHeader(campaigns, "idempotency-key", "k".repeat(201))
                        .createCampaign(create("long key")));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("idempotency-key");
    }

    @Test
    void shouldSendTheNewVersionInTheResponseHeader() {
        api.responder.answerCampaigns(command -> Optional.of(Results.accepted(command, 7)));
        AtomicReference<Metadata> headers = new AtomicReference<>();
        String id = UUID.randomUUID().toString();
        var response = Calls.capturing(campaigns, headers)
                .startCampaign(StartCampaignRequest.newBuilder().setId(id).setExpectedVersion(6).build());
        assertThat(Calls.header(headers, "x-pidgr-version")).isEqualTo("7");
        assertThat(response.getCampaign().getVersion()).isEqualTo(7);
        assertThat(sentCommand(id).getMetadata().getExpectedVersion()).isEqualTo(6);
    }

    @Test
    void shouldMapAReusedIdempotencyKeyToAlreadyExists() {
        api.responder.answerCampaigns(command -> Optional.of(Results.rejected(command, Rejected.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_ALREADY_EXISTS)
                .setMessage("idempotency key reused with a different request").build(), 1)));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> Calls.withHeader(campaigns, "idempotency-key", "dup").createCampaign(create("second")));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(error.getStatus().getDescription()).isEqualTo("idempotency key reused with a different request");
    }

    @Test
    void shouldMapALostRaceToAbortedWithTheCurrentVersion() {
        api.responder.answerCampaigns(command -> Optional.of(Results.rejected(command, Rejected.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_ABORTED).setMessage("expected version 3, campaign is at 5")
                .setCurrentVersion(5).build(), 5)));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> campaigns.startCampaign(StartCampaignRequest.newBuilder().setId(UUID.randomUUID().toString())
                        .setExpectedVersion(3).build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(Calls.errorInfo(error).orElseThrow().getMetadataMap()).containsEntry("current_version", "5");
    }

    @Test
    void shouldMapAFailedPreconditionWithItsViolations() {
        api.responder.answerCampaigns(command -> Optional.of(Results.rejected(command, Rejected.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION).setMessage("template_id: no such template")
                .addViolations(FieldViolation.newBuilder().setField("template_id").setDescription("no such template"))
                .build(), 0)));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> campaigns.createCampaign(create("bad template")));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("template_id");
    }

    @Test
    void shouldSayDeadlineExceededWhenNoResultComes() {
        api.responder.answerCampaigns(command -> Optional.empty());
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> campaigns.withDeadlineAfter(1500, TimeUnit.MILLISECONDS).createCampaign(create("unanswered")));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.registry
                                .find("pidgr.api.command.latency")
                                .tag("outcome", "DEADLINE_EXCEEDED")
                                .timer()
                        != null);
        assertThat(api.registry.find("pidgr.api.command.latency").tag("outcome", "DEADLINE_EXCEEDED").timer().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldCountCallsByMethodAndStatus() {
        campaigns.createCampaign(create("counted"));
        Timer ok = api.registry
                .find("pidgr.grpc.server.calls")
                .tag("method", CampaignServiceGrpc.getCreateCampaignMethod().getFullMethodName())
                .tag("status", "OK")
                .timer();
        assertThat(ok).isNotNull();
        assertThat(ok.count()).isGreaterThanOrEqualTo(1);
    }
}
