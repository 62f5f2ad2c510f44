package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.app.OtlpReceiver.ReceivedSpan;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Tracing across processes: an api+command+query process and a workflow process, both exporting to an OTLP
 * receiver in the test, run a campaign whose workflow sends a notification and then calls a webhook. One trace
 * follows the start from the api call through the command, the workflow's start and fan-out to the webhook call;
 * off, nothing carries a trace.
 */
class TracingTest {

    @Test
    void shouldFollowACampaignsStartFromTheApiCallToTheWebhookCallInOneTrace() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver();
                Webhook hook = new Webhook();
                Deployment deployment = new Deployment("TracingTest-on", 3,
                        SharedTestInfra.kafka().bootstrapServers(), Map.of("PIDGR_OTLP_ENDPOINT", otlp.endpoint()))) {
            String campaignId = runCampaign(deployment, hook);

            List<ReceivedSpan> chain = await().atMost(Duration.ofSeconds(30)).until(
                    () -> chain(otlp.spans(), "pidgr webhook call"), found -> found.size() == 5);

            assertThat(chain).extracting(ReceivedSpan::name).containsExactly(
                    "pidgr webhook call",
                    "pidgr workflow wake-up",
                    "pidgr workflow CampaignStarted",
                    "pidgr command StartCampaign",
                    "pidgr api StartCampaign");
            String traceId = chain.get(0).traceId();
            assertThat(chain).extracting(ReceivedSpan::traceId).containsOnly(traceId);
            assertThat(hook.traceparents).hasSize(1).first().asString().startsWith("00-" + traceId + "-");
            Map<String, List<String>> traceparents = traceparents(deployment, campaignId);
            assertThat(traceparents.get("CampaignStarted")).hasSize(1).first().asString()
                    .startsWith("00-" + traceId + "-");
            assertThat(traceparents.get("NotificationSent")).hasSize(3)
                    .allSatisfy(header -> assertThat(header).startsWith("00-" + traceId + "-"));
        }
    }

    @Test
    void shouldSendNoSpanAndWriteNoTraceHeaderWhenTracingIsOff() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver();
                Webhook hook = new Webhook();
                Deployment deployment = new Deployment("TracingTest-off", 3,
                        SharedTestInfra.kafka().bootstrapServers(), Map.of())) {
            String campaignId = runCampaign(deployment, hook);

            Map<String, List<String>> traceparents = traceparents(deployment, campaignId);
            assertThat(traceparents.keySet()).contains("CampaignStarted", "NotificationSent");
            assertThat(traceparents.values()).allSatisfy(headers -> assertThat(headers).containsOnly("none"));
            assertThat(hook.traceparents).containsExactly("none");
            assertThat(otlp.spans()).isEmpty();
        }
    }

    /** Starts the two processes, runs a send-then-webhook campaign for three users to completion; its id. */
    private static String runCampaign(Deployment deployment, Webhook hook) throws Exception {
        ServeProcess api = deployment.start("api", "api,command,query");
        ServeProcess workflow = deployment.start("workflow", "workflow");
        api.awaitReady(Duration.ofMinutes(3));
        workflow.awaitReady(Duration.ofMinutes(3));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", api.grpcPort).usePlaintext().build();
        try {
            String admin = new DevTokens(RunningNode.SECRET, Clock.systemUTC()).issueAdmin("admin", "org-tracing");
            String templateId = RunningNode.authorized(TemplateServiceGrpc.newBlockingStub(channel), admin)
                    .createTemplate(CreateTemplateRequest.newBuilder()
                            .setName("Policy")
                            .setBody("Hello {{first_name}}")
                            .addVariables(TemplateVariable.newBuilder().setName("first_name").setRequired(true))
                            .build())
                    .getTemplate()
                    .getId();
            WorkflowDefinition workflowDefinition = WorkflowDefinition.newBuilder()
                    .addSteps(WorkflowStep.newBuilder()
                            .setId("send")
                            .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                            .setSendNotification(SendNotificationConfig.getDefaultInstance())
                            .putTransitions("completed", "hook"))
                    .addSteps(WorkflowStep.newBuilder()
                            .setId("hook")
                            .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                            .setCallWebhook(CallWebhookConfig.newBuilder().setName("report").setUrl(hook.url())))
                    .build();
            CreateCampaignRequest.Builder create = CreateCampaignRequest.newBuilder()
                    .setName("Traced")
                    .setTemplateId(templateId)
                    .setWorkflow(workflowDefinition);
            for (String user : List.of("alice", "bob", "carol")) {
                create.addAudience(AudienceMember.newBuilder().setUserId(user).putVariables("first_name", user));
            }
            CampaignServiceGrpc.CampaignServiceBlockingStub campaigns =
                    RunningNode.authorized(CampaignServiceGrpc.newBlockingStub(channel), admin);
            String id = campaigns.createCampaign(create.build()).getCampaign().getId();
            campaigns.startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
            await().atMost(Duration.ofSeconds(60)).until(() -> campaigns.getCampaign(
                    GetCampaignRequest.newBuilder().setId(id).build()).getCampaign().getStatus()
                    == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
            return id;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** From the span named {@code leaf} up through its parents, as far as they were received. */
    private static List<ReceivedSpan> chain(List<ReceivedSpan> spans, String leaf) {
        List<ReceivedSpan> chain = new ArrayList<>();
        Optional<ReceivedSpan> next = spans.stream().filter(s -> s.name().equals(leaf)).findFirst();
        while (next.isPresent()) {
            chain.add(next.get());
            String parent = next.get().parentSpanId();
            next = parent.isEmpty() ? Optional.empty()
                    : spans.stream().filter(s -> s.spanId().equals(parent)).findFirst();
        }
        return chain;
    }

    /** Per event type, the traceparent of each record of the campaign's events and deliveries ("none": absent). */
    private static Map<String, List<String>> traceparents(Deployment deployment, String campaignId) {
        Topics topics = Topics.withNamespace(deployment.namespace);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tracing-test-" + campaignId);
        Map<String, List<String>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.campaignEvents().name(), topics.deliveryEvents().name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (campaignId.equals(record.key())) {
                        found.computeIfAbsent(header(record, "pidgr-event-type"), t -> new ArrayList<>())
                                .add(header(record, "traceparent"));
                    }
                }
                return found.getOrDefault("NotificationSent", List.of()).size() == 3
                        && found.containsKey("CampaignCompleted");
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "none" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A webhook receiver keeping each call's traceparent header ("none" when absent). */
    private static final class Webhook implements AutoCloseable {

        final List<String> traceparents = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Webhook() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                traceparents.add(traceparent == null ? "none" : traceparent);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
