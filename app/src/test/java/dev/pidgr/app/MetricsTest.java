package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics endpoint after a real campaign (notification, reminder, webhook that fails once and
 * then succeeds) and a refused command: the meters docs/design.md lists ("Observability"), with the
 * values that run produced.
 */
@ExtendWith(SharedNode.class)
class MetricsTest {

    static RunningNode node;
    static HttpServer receiver;
    static final AtomicInteger webhookCalls = new AtomicInteger();
    static Scrape before;
    static Scrape after;

    @BeforeAll
    static void runACampaignWithAWebhookAndARefusedStart(RunningNode shared) throws Exception {
        node = shared;
        receiver = webhookReceiverFailingOnce();
        String org = "org-" + UUID.randomUUID();
        before = Scrape.of(node.node.metricsPort());

        Template template = node.templates(node.admin(org))
                .createTemplate(CreateTemplateRequest.newBuilder()
                        .setName("Policy")
                        .setBody("Hello {{first_name}}")
                        .addVariables(TemplateVariable.newBuilder()
                                .setName("first_name")
                                .setRequired(true))
                        .build())
                .getTemplate();
        Campaign campaign = node.campaigns(node.admin(org)).createCampaign(campaign(template.getId())).getCampaign();
        node.campaigns(node.admin(org))
                .startCampaign(StartCampaignRequest.newBuilder()
                        .setId(campaign.getId())
                        .build());
        Campaign cancelled = node.campaigns(node.admin(org)).createCampaign(campaign(template.getId())).getCampaign();
        node.campaigns(node.admin(org))
                .cancelCampaign(CancelCampaignRequest.newBuilder()
                        .setId(cancelled.getId())
                        .build());
        assertThatThrownBy(() -> node.campaigns(node.admin(org))
                        .startCampaign(StartCampaignRequest.newBuilder()
                                .setId(cancelled.getId())
                                .build()))
                .isInstanceOf(StatusRuntimeException.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> node.campaigns(node.admin(org))
                .getCampaign(GetCampaignRequest.newBuilder().setId(campaign.getId()).build()).getCampaign().getStatus()
                == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        // The Kafka Streams binder looks for new per-partition meters every 10 s.
        after = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> Scrape.of(node.node.metricsPort()),
                        scrape -> !scrape.find(
                                        "kafka_consumer_fetch_manager_records_lag",
                                        "client_id",
                                        workflowConsumer(scrape))
                                .isEmpty());
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void shouldCountDeliveriesAndRemindersSent() {
        assertThat(delta("pidgr_workflow_deliveries_sent_total")).isEqualTo(3);
        assertThat(delta("pidgr_workflow_reminders_sent_total")).isEqualTo(3);
        assertThat(delta("pidgr_workflow_deliveries_missed_total")).isZero();
    }

    @Test
    void shouldCountWebhookAttemptsAndPagesByOutcome() {
        assertThat(webhookCalls.get()).isEqualTo(2);
        assertThat(delta("pidgr_workflow_webhook_attempts_total", "outcome", "failed")).isEqualTo(1);
        assertThat(delta("pidgr_workflow_webhook_attempts_total", "outcome", "succeeded")).isEqualTo(1);
        assertThat(delta("pidgr_workflow_webhook_pages_total", "outcome", "succeeded")).isEqualTo(1);
        assertThat(delta("pidgr_workflow_webhook_pages_total", "outcome", "failed")).isZero();
    }

    @Test
    void shouldTimeCommandsAndCountRejectionsByCode() {
        assertThat(delta("pidgr_api_command_latency_seconds_count", "rpc", "CreateCampaign", "outcome", "accepted"))
                .isEqualTo(2);
        assertThat(delta("pidgr_api_command_latency_seconds_count", "rpc", "StartCampaign", "outcome", "rejected"))
                .isEqualTo(1);
        assertThat(after.sum("pidgr_api_command_latency_seconds_sum", "rpc", "CreateCampaign", "outcome", "accepted"))
                .isPositive();
        assertThat(delta(
                        "pidgr_api_command_rejections_total",
                        "rpc",
                        "StartCampaign",
                        "code",
                        "REJECTION_CODE_FAILED_PRECONDITION"))
                .isEqualTo(1);
    }

    @Test
    void shouldCountGrpcCallsByMethodAndStatus() {
        assertThat(delta(
                        "pidgr_grpc_server_calls_seconds_count",
                        "method",
                        "pidgr.v1.CampaignService/StartCampaign",
                        "status",
                        "OK"))
                .isEqualTo(1);
        assertThat(delta("pidgr_grpc_server_calls_seconds_count", "method", "pidgr.v1.CampaignService/StartCampaign",
                "status", "FAILED_PRECONDITION")).isEqualTo(1);
        assertThat(delta(
                        "pidgr_grpc_server_calls_seconds_count",
                        "method",
                        "pidgr.v1.TemplateService/CreateTemplate",
                        "status",
                        "OK"))
                .isEqualTo(1);
    }

    @Test
    void shouldPublishLatencyHistogramsSoAPercentileCanBeComputedAcrossProcesses() {
        for (String[] series : new String[][] {
                {"pidgr_grpc_server_calls_seconds", "method", "pidgr.v1.CampaignService/StartCampaign", "status", "OK"},
                {"pidgr_api_command_latency_seconds", "rpc", "CreateCampaign", "outcome", "accepted"}}) {
            String name = series[0];
            String[] labels = java.util.Arrays.copyOfRange(series, 1, series.length);
            double count = after.sum(name + "_count", labels);
            List<Scrape.Sample> buckets = after.find(name + "_bucket", labels);

            assertThat(buckets).as(name).hasSizeGreaterThan(10);
            assertThat(buckets.stream()
                            .filter(b -> b.labels().get("le").equals("+Inf"))
                            .mapToDouble(Scrape.Sample::value)
                            .sum())
                    .as(name + " +Inf bucket")
                    .isEqualTo(count);
            assertThat(buckets.stream()
                            .map(b -> b.labels().get("le"))
                            .filter(le -> !le.equals("+Inf"))
                            .mapToDouble(Double::parseDouble)
                            .max()
                            .orElseThrow())
                    .as(name + " highest finite bucket, s")
                    .isBetween(60.0, 120.0);
        }
    }

    @Test
    void shouldMeterTheConnectionPools() {
        for (String pool : new String[] {"pidgr-query", "pidgr-api-reads"}) {
            assertThat(after.find("hikaricp_connections_max", "pool", pool)).as(pool).singleElement()
                    .extracting(Scrape.Sample::value).isEqualTo(10.0);
            assertThat(after.find("hikaricp_connections_acquire_seconds_count", "pool", pool))
                    .as(pool)
                    .singleElement()
                    .extracting(Scrape.Sample::value)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                    .isPositive();
        }
    }

    @Test
    void shouldReportProcessorLagPerProcessorAndPartition() {
        for (String processor : new String[] {"command", "workflow"}) {
            assertThat(after.find("pidgr_processor_lag_records", "processor", processor)).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isFinite().isGreaterThanOrEqualTo(0));
        }
        assertThat(after.find("kafka_consumer_fetch_manager_records_lag", "client_id", workflowConsumer(after)))
                .isNotEmpty().allSatisfy(sample -> assertThat(sample.labels()).containsKeys("topic", "partition"));
    }

    @Test
    void shouldReportProjectionLagPerProjection() {
        for (String projection : new String[] {"campaigns", "templates", "deliveries"}) {
            assertThat(after.find("pidgr_projection_lag_events", "projection", projection)).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isFinite().isGreaterThanOrEqualTo(0));
            assertThat(after.find("pidgr_projection_lag_seconds", "projection", projection)).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isFinite().isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void shouldMirrorTheKafkaClientsOfTheApiAndTheWebhookDispatcher() {
        assertThat(after.find("kafka_producer_record_send_total").stream()
                .filter(s -> s.labels().get("client_id").endsWith("-commands")).mapToDouble(Scrape.Sample::value).sum())
                .isGreaterThanOrEqualTo(5);
        assertThat(delta("kafka_producer_record_send_total", "client_id", "pidgr-workflow-webhook-results"))
                .isEqualTo(1);
        assertThat(after.find("kafka_consumer_fetch_manager_records_consumed_total").stream()
                        .filter(s -> s.labels().get("client_id").startsWith("pidgr-query-"))
                        .mapToDouble(Scrape.Sample::value)
                        .sum())
                .isPositive();
    }

    @Test
    void shouldExposeTheKafkaStreamsAndJvmBinders() {
        assertThat(after.find("kafka_stream_thread_process_total").stream()
                        .filter(s -> s.labels().get("thread_id").contains("pidgr-workflow"))
                        .mapToDouble(Scrape.Sample::value)
                        .sum())
                .isPositive();
        assertThat(after.sum("jvm_memory_used_bytes")).isPositive();
        assertThat(after.sum("jvm_threads_live_threads")).isPositive();
        assertThat(after.sum("process_uptime_seconds")).isPositive();
    }

    @Test
    void shouldReportReadinessOnTheMetricsPort() throws Exception {
        assertThat(after.find("pidgr_ready"))
                .singleElement()
                .satisfies(sample -> assertThat(sample.value()).isEqualTo(1));
        assertThat(Scrape.ready(node.node.metricsPort())).isEqualTo(200);
    }

    private static double delta(String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static String workflowConsumer(Scrape scrape) {
        return scrape.find("kafka_consumer_fetch_manager_records_lag_max").stream()
                .map(s -> s.labels().get("client_id"))
                .filter(id -> id.contains("pidgr-workflow") && id.endsWith("StreamThread-1-consumer"))
                .findFirst()
                .orElse("none");
    }

    private static CreateCampaignRequest campaign(String templateId) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder()
                        .setId("send")
                        .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(SendNotificationConfig.getDefaultInstance())
                        .putTransitions("completed", "remind"))
                .addSteps(WorkflowStep.newBuilder()
                        .setId("remind")
                        .setType(StepType.STEP_TYPE_SEND_REMINDER)
                        .setSendReminder(SendReminderConfig.getDefaultInstance())
                        .putTransitions("completed", "hook"))
                .addSteps(WorkflowStep.newBuilder()
                        .setId("hook")
                        .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                        .setCallWebhook(
                                CallWebhookConfig.newBuilder().setName("report").setUrl(url)))
                .build();
        CreateCampaignRequest.Builder request = CreateCampaignRequest.newBuilder()
                .setName("Metrics")
                .setTemplateId(templateId)
                .setWorkflow(workflow);
        for (String user : new String[] {"alice", "bob", "carol"}) {
            request.addAudience(AudienceMember.newBuilder().setUserId(user).putVariables("first_name", user));
        }
        return request.build();
    }

    /** A local webhook receiver: 503 to the first call, 200 to the others. */
    private static HttpServer webhookReceiverFailingOnce() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(webhookCalls.incrementAndGet() == 1 ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
