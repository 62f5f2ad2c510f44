package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FanOutWatch;
import dev.pidgr.faults.support.FaultInfra;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.Probe;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.RetryingClient;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import dev.pidgr.faults.support.TopicReader;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The broker, and then PostgreSQL, are stopped in the middle of a large campaign's fan-out and
 * started again on the same data and port, under one {@code pidgr serve} process running every
 * role, which must ride it out without a restart. While a dependency is down, what needs it
 * answers UNAVAILABLE promptly; afterwards everything completes and nothing is lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureRestartTest {

    private static final String ORG = "org-infra";
    private static final int MEMBERS = Profile.outageMembers();
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

    private static Deployment deployment;
    private static Serve pidgr;
    private static long pid;
    private static Api api;
    private static String templateId;

    @BeforeAll
    static void startEveryRoleInOneProcess() {
        deployment = new Deployment("infra-restart", 3, false);
        pidgr = deployment.serve("pidgr", "api,command,workflow,query").awaitReady(Deployment.START_LIMIT);
        pid = pidgr.child().pid();
        api = new Api(pidgr.grpcPort(), ORG);
        templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
    }

    @AfterAll
    static void stop() {
        FaultInfra.ensureRunning();
        if (api != null) {
            api.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    @Order(1)
    void shouldAnswerUnavailablePromptlyAndLoseNothingWhenTheBrokerRestartsMidCampaign() {
        List<String> users = Requests.users(MEMBERS);
        String campaignId = createCampaign("Broker restart", users);
        String draftId = createCampaign("Started during the outage", Requests.users(3));
        List<Probe> probes = new ArrayList<>();
        try (FanOutWatch watch = new FanOutWatch(deployment.topics, campaignId)) {
            start(campaignId);
            watch.awaitMoreThan(0, Duration.ofMinutes(2));
            String firstUser = awaitInInbox(campaignId, users.getFirst());
            int atStop = watch.sent();
            long down = System.nanoTime();
            FaultInfra.stopKafka();
            probes.add(Probe.of(
                    "CreateTemplate", () -> templates("outage-template").createTemplate(Requests.template("During"))));
            probes.add(Probe.of(
                    "StartCampaign",
                    () -> campaigns("outage-start")
                            .startCampaign(StartCampaignRequest.newBuilder()
                                    .setId(draftId)
                                    .build())));
            probes.add(Probe.of("SubmitAction", () -> ack(campaignId, firstUser)));
            Probe read = Probe.of("GetCampaign", () -> get(campaignId));
            Sleep.millis(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
            FaultInfra.startKafka();

            assertThat(probes).allSatisfy(p -> {
                assertThat(p.code()).as(p.call()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(p.took()).as(p.call()).isLessThanOrEqualTo(Probe.PROMPTLY);
            });
            assertThat(read.code()).as("reads need no broker").isEqualTo(Status.Code.OK);
            RetryingClient client = new RetryingClient(List.of(api));
            String createdDuring = client.call(
                    "outage-template",
                    0,
                    (a, key) -> templates(key)
                            .createTemplate(Requests.template("During"))
                            .getTemplate()
                            .getId());
            client.call(
                    "outage-start",
                    0,
                    (a, key) -> campaigns(key)
                            .startCampaign(StartCampaignRequest.newBuilder()
                                    .setId(draftId)
                                    .build()));
            client.call("outage-ack", 0, (a, key) -> ack(campaignId, firstUser));
            awaitCompleted(campaignId);

            assertThat(createdDuring).isEqualTo(Ids.templateIdForIdempotencyKey(ORG, "outage-template"));
            assertThat(eventsOf(createdDuring)).containsExactly("CREATED");
            assertThat(eventsOf(draftId))
                    .startsWith("CREATED", "AUDIENCE_ADDED", "STARTED")
                    .containsOnlyOnce("STARTED");
            CampaignFold fold = checked(campaignId, users);
            assertThat(fold.deliveries.get(Ids.deliveryId(campaignId, firstUser)).acknowledgements()).isEqualTo(1);
            assertThat(pidgr.child().pid()).as("the same process throughout").isEqualTo(pid);
            assertThat(pidgr.isAlive()).isTrue();
            Report.line(
                    "InfrastructureRestartTest",
                    "broker stopped for %d s with %d of %d notifications committed; while down: %s; %s; after the"
                        + " restart the campaign completed, every notification once, the commands retried with their"
                        + " keys applied once",
                    OUTAGE.toSeconds(),
                    atStop,
                    MEMBERS,
                    probes,
                    read);
        }
    }

    @Test
    @Order(2)
    void shouldAnswerUnavailablePromptlyAndLoseNothingWhenPostgresRestartsMidCampaign() {
        List<String> users = Requests.users(MEMBERS);
        String campaignId = createCampaign("Database restart", users);
        List<Probe> probes = new ArrayList<>();
        try (FanOutWatch watch = new FanOutWatch(deployment.topics, campaignId)) {
            start(campaignId);
            watch.awaitMoreThan(0, Duration.ofMinutes(2));
            String firstUser = awaitInInbox(campaignId, users.getFirst());
            int atStop = watch.sent();
            long down = System.nanoTime();
            FaultInfra.stopPostgres();
            probes.add(Probe.of("GetCampaign", () -> get(campaignId)));
            probes.add(Probe.of(
                    "ListDeliveries",
                    () -> campaigns(null)
                            .listDeliveries(ListDeliveriesRequest.newBuilder()
                                    .setCampaignId(campaignId)
                                    .build())));
            probes.add(Probe.of(
                    "ListTemplates", () -> templates(null).listTemplates(ListTemplatesRequest.getDefaultInstance())));
            probes.add(Probe.of(
                    "InboxService.Sync",
                    () -> Api.stub(
                                    dev.pidgr.api.v1.InboxServiceGrpc.newBlockingStub(api.channel),
                                    api.recipient(firstUser),
                                    Map.of(),
                                    PROBE_DEADLINE)
                            .sync(SyncRequest.getDefaultInstance())));
            probes.add(Probe.of("SubmitAction", () -> ack(campaignId, firstUser)));
            Probe command = Probe.of(
                    "CreateTemplate",
                    () -> templates("db-outage-template").createTemplate(Requests.template("During")));
            // The walk needs Kafka only: the fan-out finishes and the campaign completes on the topics meanwhile.
            watch.awaitMoreThan(MEMBERS - 1, Duration.ofMinutes(3));
            Sleep.millis(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
            FaultInfra.startPostgres();

            assertThat(probes).allSatisfy(p -> {
                assertThat(p.code()).as(p.call()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(p.took()).as(p.call()).isLessThanOrEqualTo(Probe.PROMPTLY);
            });
            assertThat(command.code()).as("commands need no database").isEqualTo(Status.Code.OK);
            new RetryingClient(List.of(api)).call("db-outage-ack", 0, (a, key) -> ack(campaignId, firstUser));
            awaitCompleted(campaignId);
            CampaignFold fold = checked(campaignId, users);
            assertThat(fold.deliveries.get(Ids.deliveryId(campaignId, firstUser)).acknowledgements()).isEqualTo(1);
            assertThat(pidgr.child().pid()).as("the same process throughout").isEqualTo(pid);
            assertThat(pidgr.isAlive()).isTrue();
            Report.line(
                    "InfrastructureRestartTest",
                    "PostgreSQL stopped for %d s with %d of %d notifications committed (the fan-out finished"
                        + " meanwhile); while down: %s; %s; afterwards the projections caught up and equal the fold",
                    OUTAGE.toSeconds(),
                    atStop,
                    MEMBERS,
                    probes,
                    command);
        }
    }

    private static String createCampaign(String name, List<String> users) {
        return api.campaigns().createCampaign(Requests.campaign(name, templateId, users, null)).getCampaign().getId();
    }

    private static void start(String campaignId) {
        api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
    }

    /** Waits until the user's delivery is projected (opening it: DELIVERED), and returns the user. */
    private static String awaitInInbox(String campaignId, String user) {
        await().atMost(Duration.ofMinutes(1))
                .ignoreExceptions()
                .until(() -> api.inbox(api.recipient(user))
                        .getMessage(GetMessageRequest.newBuilder()
                                .setDeliveryId(Ids.deliveryId(campaignId, user))
                                .build())
                        .hasEntry());
        return user;
    }

    private static boolean ack(String campaignId, String user) {
        return Api.stub(
                        dev.pidgr.api.v1.ActionServiceGrpc.newBlockingStub(api.channel),
                        api.recipient(user),
                        Map.of(),
                        PROBE_DEADLINE)
                .submitAction(SubmitActionRequest.newBuilder()
                        .setDeliveryId(Ids.deliveryId(campaignId, user))
                        .setActionId("ack")
                        .build())
                .getSuccess();
    }

    private static void get(String campaignId) {
        campaigns(null).getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build());
    }

    private static CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(String idempotencyKey) {
        return Api.stub(CampaignServiceGrpc.newBlockingStub(api.channel), api.admin(),
                idempotencyKey == null ? Map.of() : Map.of("idempotency-key", idempotencyKey), PROBE_DEADLINE);
    }

    private static TemplateServiceGrpc.TemplateServiceBlockingStub templates(String idempotencyKey) {
        return Api.stub(TemplateServiceGrpc.newBlockingStub(api.channel), api.admin(),
                idempotencyKey == null ? Map.of() : Map.of("idempotency-key", idempotencyKey), PROBE_DEADLINE);
    }

    private static void awaitCompleted(String campaignId) {
        await().atMost(Duration.ofMinutes(5))
                .ignoreExceptions()
                .until(() -> api.campaigns()
                                .getCampaign(GetCampaignRequest.newBuilder()
                                        .setId(campaignId)
                                        .build())
                                .getCampaign()
                                .getStatus()
                        == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
    }

    private static CampaignFold checked(String campaignId, List<String> users) {
        CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
        FoldChecks.assertExactlyOnce(fold, users);
        assertThat(fold.status).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        FoldChecks.assertApiEqualsFold(api, fold);
        return fold;
    }

    /** The payload kinds of an aggregate's events, campaign or template, in order. */
    private static List<String> eventsOf(String aggregateId) {
        List<String> kinds = new ArrayList<>();
        TopicReader.committed(deployment.topics.campaignEvents().name()).stream()
                .filter(r -> aggregateId.equals(r.key()))
                .map(r -> deployment.topics.campaignEvents().valueSerde().parse(r.value()))
                .map(CampaignEvent::getPayloadCase)
                .forEach(k -> kinds.add(k.name()));
        TopicReader.committed(deployment.topics.templateEvents().name()).stream()
                .filter(r -> aggregateId.equals(r.key()))
                .map(r -> deployment.topics.templateEvents().valueSerde().parse(r.value()))
                .map(TemplateEvent::getPayloadCase)
                .forEach(k -> kinds.add(k.name()));
        return kinds;
    }
}
