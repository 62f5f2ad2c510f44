package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.embedded.SharedTestInfra;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The roles as separate {@code pidgr serve} processes, as in a deployment: api, command, workflow and
 * query each in its own JVM on the embedded broker and database, driven through the api process.
 */
class SeparateProcessesTest {

    static final int PARTITIONS = 4;
    static final Duration START_LIMIT = Duration.ofSeconds(240);

    static Deployment deployment;
    static ServeProcess api;
    static ServeProcess command;
    static ServeProcess workflow;
    static ServeProcess query;
    static ManagedChannel channel;
    static ServingStatus apiHealthBeforeQuery;
    static List<String> schemasBeforeQuery;

    @BeforeAll
    static void startOneProcessPerRole() throws Exception {
        deployment = new Deployment("SeparateProcessesTest", PARTITIONS);
        api = deployment.start("api", "api");
        command = deployment.start("command", "command");
        workflow = deployment.start("workflow-1", "workflow");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", api.grpcPort).usePlaintext().build();
        // The api alone: it answers health, but it must neither migrate the database nor claim to serve.
        apiHealthBeforeQuery =
                await().atMost(START_LIMIT).ignoreExceptions().until(SeparateProcessesTest::apiHealth, s -> s != null);
        schemasBeforeQuery = pidgrSchemas();
        query = deployment.start("query", "query");
        for (ServeProcess process : List.of(api, command, workflow, query)) {
            process.awaitReady(START_LIMIT);
        }
    }

    @AfterAll
    static void stopProcesses() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void shouldNeitherMigrateNorServeFromAnApiProcessBeforeAQueryProcessRan() {
        assertThat(schemasBeforeQuery).isEmpty();
        assertThat(apiHealthBeforeQuery).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(pidgrSchemas()).contains("pidgr", "pidgr_p1");
        assertThat(apiHealth()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void shouldCompleteACampaignDrivenThroughTheApiProcess() {
        Template template = createTemplate();
        Campaign campaign = campaigns().createCampaign(campaign(template.getId())).getCampaign();

        Campaign read = campaigns()
                .getCampaign(
                        GetCampaignRequest.newBuilder().setId(campaign.getId()).build())
                .getCampaign();
        campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaign.getId()).build());
        Campaign done = awaitCompleted(campaign.getId());
        // Delivery counts come from the workflow's events: they appear within the projection lag.
        Campaign counted = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> campaigns()
                                .getCampaign(GetCampaignRequest.newBuilder()
                                        .setId(campaign.getId())
                                        .build())
                                .getCampaign(),
                        c -> c.getDeliveryCounts().getSent() == 3);

        assertThat(read.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(done.getTotalRecipients()).isEqualTo(3);
        assertThat(counted.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        assertThat(counted.getCompletedAt().getSeconds()).isPositive();
        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> campaigns()
                                .listDeliveries(ListDeliveriesRequest.newBuilder()
                                        .setCampaignId(campaign.getId())
                                        .build())
                                .getDeliveriesList(),
                        d -> d.size() == 3);
        assertThat(deliveries).extracting(Delivery::getUserId).containsExactly("alice", "bob", "carol");
        assertThat(deliveries).extracting(Delivery::getStatus).containsOnly(DeliveryStatus.DELIVERY_STATUS_SENT);
    }

    @Test
    void shouldServeEachRolesMetricsFromItsOwnProcess() throws Exception {
        Campaign campaign = campaigns().createCampaign(campaign(createTemplate().getId())).getCampaign();
        campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaign.getId()).build());
        awaitCompleted(campaign.getId());

        Scrape apiMetrics = Scrape.of(api.metricsPort);
        Scrape commandMetrics = Scrape.of(command.metricsPort);
        Scrape workflowMetrics = Scrape.of(workflow.metricsPort);
        Scrape queryMetrics = Scrape.of(query.metricsPort);

        assertThat(apiMetrics.sum(
                        "pidgr_grpc_server_calls_seconds_count", "method", "pidgr.v1.CampaignService/StartCampaign"))
                .isPositive();
        assertThat(apiMetrics.find("pidgr_processor_lag_records")).isEmpty();
        assertThat(commandMetrics.find("pidgr_processor_lag_records", "processor", "command")).hasSize(1);
        assertThat(commandMetrics.find("pidgr_grpc_server_calls_seconds_count")).isEmpty();
        assertThat(workflowMetrics.sum("pidgr_workflow_deliveries_sent_total")).isGreaterThanOrEqualTo(3);
        assertThat(queryMetrics.find("pidgr_projection_lag_events", "projection", "deliveries")).singleElement()
                .satisfies(sample -> assertThat(sample.value()).isFinite());
        for (Scrape scrape : List.of(apiMetrics, commandMetrics, workflowMetrics, queryMetrics)) {
            assertThat(scrape.find("pidgr_ready"))
                    .singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isEqualTo(1));
        }
    }

    @Test
    void shouldShareTheWorkflowWithASecondProcess() throws Exception {
        ServeProcess second = deployment.start("workflow-2", "workflow");
        try {
            second.awaitReady(START_LIMIT);
            Map<String, List<Integer>> owned = await().atMost(Duration.ofSeconds(120)).until(
                    SeparateProcessesTest::campaignPartitionsByWorkflowMember, byMember -> byMember.size() == 2
                            && byMember.values().stream().noneMatch(List::isEmpty));
            Template template = createTemplate();
            List<String> campaignIds = campaignsCoveringEveryMember(template.getId(), owned);

            campaignIds.forEach(id -> campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(id).build()));
            campaignIds.forEach(SeparateProcessesTest::awaitCompleted);

            assertThat(owned.values()).allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
            assertThat(owned.values().stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3);
            String firstLog = workflow.logText();
            String secondLog = second.logText();
            assertThat(campaignIds).allSatisfy(id -> assertThat(firstLog.contains("Campaign " + id + " started")
                    || secondLog.contains("Campaign " + id + " started")).as("campaign %s walked", id).isTrue());
            assertThat(campaignIds).anySatisfy(id -> assertThat(firstLog).contains("Campaign " + id + " started"));
            assertThat(campaignIds).anySatisfy(id -> assertThat(secondLog).contains("Campaign " + id + " started"));
        } finally {
            deployment.stop(second);
        }
    }

    /** Creates campaigns until, for every workflow member, one of them lies on a partition it owns. */
    private List<String> campaignsCoveringEveryMember(String templateId, Map<String, List<Integer>> owned) {
        List<String> ids = new ArrayList<>();
        Map<String, Boolean> covered = new HashMap<>();
        while (covered.size() < owned.size() && ids.size() < 40) {
            String id = campaigns().createCampaign(campaign(templateId)).getCampaign().getId();
            ids.add(id);
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            owned.forEach((member, partitions) -> {
                if (partitions.contains(partition)) {
                    covered.put(member, true);
                }
            });
        }
        assertThat(covered).hasSameSizeAs(owned);
        return ids;
    }

    /** The partitions of pidgr.campaign.events each member of the workflow's consumer group owns. */
    private static Map<String, List<Integer>> campaignPartitionsByWorkflowMember() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        String group = deployment.namespace + ".pidgr-workflow";
        String topic = deployment.namespace + ".pidgr.campaign.events";
        try (Admin admin = Admin.create(config)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(group);
            Map<String, List<Integer>> owned = new HashMap<>();
            for (MemberDescription member : description.members()) {
                owned.put(member.consumerId(), member.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).sorted().toList());
            }
            return owned;
        }
    }

    private static Campaign awaitCompleted(String id) {
        return await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> campaignsAs(admin())
                                .getCampaign(GetCampaignRequest.newBuilder()
                                        .setId(id)
                                        .build())
                                .getCampaign(),
                        c -> c.getStatus() == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
    }

    private static ServingStatus apiHealth() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
    }

    private static List<String> pidgrSchemas() {
        try (Connection c = SharedTestInfra.postgres()
                        .dataSource(deployment.database)
                        .getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'pidgr%' ORDER"
                                + " BY 1")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Template createTemplate() {
        return RunningNode.authorized(TemplateServiceGrpc.newBlockingStub(channel), admin())
                .createTemplate(CreateTemplateRequest.newBuilder()
                        .setName("Policy")
                        .setBody("Hello {{first_name}}")
                        .addVariables(TemplateVariable.newBuilder()
                                .setName("first_name")
                                .setRequired(true))
                        .build())
                .getTemplate();
    }

    private CampaignServiceGrpc.CampaignServiceBlockingStub campaigns() {
        return campaignsAs(admin());
    }

    private static CampaignServiceGrpc.CampaignServiceBlockingStub campaignsAs(String token) {
        return RunningNode.authorized(CampaignServiceGrpc.newBlockingStub(channel), token);
    }

    /** One organization for the whole class: the api process reads only its own tokens' organization. */
    private static String admin() {
        return new DevTokens(RunningNode.SECRET, Clock.systemUTC()).issueAdmin("admin", "org-separate-processes");
    }

    private static CreateCampaignRequest campaign(String templateId) {
        CreateCampaignRequest.Builder request =
                CreateCampaignRequest.newBuilder().setName("Travel policy").setTemplateId(templateId);
        for (String user : new String[] {"alice", "bob", "carol"}) {
            request.addAudience(AudienceMember.newBuilder().setUserId(user).putVariables("first_name", user));
        }
        return request.build();
    }
}
