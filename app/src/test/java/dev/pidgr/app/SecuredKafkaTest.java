package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.embedded.EmbeddedKafka;
import dev.pidgr.embedded.EmbeddedPostgres;
import dev.pidgr.embedded.SaslSslListener;
import dev.pidgr.embedded.SharedTestInfra;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pidgr on a Kafka that only speaks SASL_SSL, as managed services do: a broker of its own whose
 * client listener wants TLS (a certificate of a made-up authority, made here with keytool) and a
 * PLAIN login. {@code pidgr serve} with the security options runs a campaign through every role;
 * with a wrong password it stops at start, saying so.
 */
class SecuredKafkaTest {

    private static final String PASSWORD = "pidgr-kafka-secret";

    private static Path dir;
    private static EmbeddedKafka kafka;
    private static SaslSslListener listener;
    private static Path truststore;

    @BeforeAll
    static void startASecuredBroker() throws Exception {
        dir = Files.createTempDirectory("secured-kafka");
        Path keystore = dir.resolve("broker.p12");
        truststore = dir.resolve("truststore.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "broker-store");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "broker-store",
                "-file",
                dir.resolve("broker.pem").toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                dir.resolve("broker.pem").toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                truststore.toString(),
                "-storepass",
                "trust-store");
        listener = SaslSslListener.onFreePort(keystore, "broker-store", Map.of("pidgr", PASSWORD));
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, listener);
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRunACampaignThroughEveryRoleAndItsWebhookOverSaslSsl() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (Deployment deployment =
                new Deployment("SecuredKafkaTest", 3, listener.bootstrapServers(), security(PASSWORD))) {
            ServeProcess serve = deployment.start("all-roles", "api,command,workflow,query");
            serve.awaitReady(Duration.ofMinutes(3));
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", serve.grpcPort).usePlaintext().build();
            try {
                String admin =
                        new DevTokens(RunningNode.SECRET, Clock.systemUTC()).issueAdmin("admin", "org-secured-kafka");
                String templateId = RunningNode.authorized(TemplateServiceGrpc.newBlockingStub(channel), admin)
                        .createTemplate(CreateTemplateRequest.newBuilder()
                                .setName("Policy")
                                .setBody("Hello {{first_name}}")
                                .addVariables(TemplateVariable.newBuilder()
                                        .setName("first_name")
                                        .setRequired(true))
                                .build())
                        .getTemplate()
                        .getId();
                CampaignServiceGrpc.CampaignServiceBlockingStub campaigns =
                        RunningNode.authorized(CampaignServiceGrpc.newBlockingStub(channel), admin);
                // The webhook's result goes back through a producer of its own: it must log in too.
                WorkflowDefinition workflow = WorkflowDefinition.newBuilder()
                        .addSteps(WorkflowStep.newBuilder()
                                .setId("send")
                                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                                .setSendNotification(SendNotificationConfig.getDefaultInstance())
                                .putTransitions("completed", "hook"))
                        .addSteps(WorkflowStep.newBuilder()
                                .setId("hook")
                                .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                                .setCallWebhook(CallWebhookConfig.newBuilder()
                                        .setName("report")
                                        .setUrl("http://127.0.0.1:"
                                                + receiver.getAddress().getPort() + "/hook")))
                        .build();
                CreateCampaignRequest.Builder create = CreateCampaignRequest.newBuilder()
                        .setName("Over TLS")
                        .setTemplateId(templateId)
                        .setWorkflow(workflow);
                for (String user : List.of("alice", "bob", "carol")) {
                    create.addAudience(AudienceMember.newBuilder().setUserId(user).putVariables("first_name", user));
                }
                String id = campaigns.createCampaign(create.build()).getCampaign().getId();
                campaigns.startCampaign(StartCampaignRequest.newBuilder().setId(id).build());

                Campaign counted = await().atMost(Duration.ofSeconds(60)).until(() -> RunningNode.authorized(
                        CampaignServiceGrpc.newBlockingStub(channel), admin).getCampaign(GetCampaignRequest.newBuilder()
                        .setId(id).build()).getCampaign(), c -> c.getDeliveryCounts().getSent() == 3
                        && c.getStatus() == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);

                assertThat(counted.getTotalRecipients()).isEqualTo(3);
                assertThat(calls.get()).as("webhook calls").isEqualTo(1);
                assertThat(Files.readString(serve.log)).as("the process's log").contains("1 broker(s)")
                        .doesNotContain(PASSWORD).doesNotContain("trust-store");

                // The operator commands log in with the same options.
                Cli.Run tail = Cli.run(operator(security(PASSWORD), "events", "tail", "--topic",
                        "pidgr.campaign.events", "--from-beginning", "--json", "--max-records", "1", "--timeout",
                        "PT30S", "--bootstrap-servers", listener.bootstrapServers(), "--namespace",
                        deployment.namespace));
                assertThat(tail.exit()).as(tail.toString()).isZero();
                assertThat(tail.out()).contains("\"type\":\"CampaignCreated\"").contains(id);
                EmbeddedPostgres postgres = SharedTestInfra.postgres();
                Cli.Run lag = Cli.run(operator(security(PASSWORD), "lag", "--json", "--kafka",
                        listener.bootstrapServers(), "--namespace", deployment.namespace, "--jdbc-url",
                        postgres.jdbcUrl(deployment.database), "--jdbc-user", postgres.user(), "--jdbc-password",
                        postgres.password()));
                assertThat(lag.exit()).as(lag.toString()).isZero();
                assertThat(lag.out()).contains(deployment.namespace + ".pidgr.campaign.events");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void shouldStopAtStartSayingTheLoginWasRefusedWhenThePasswordIsWrong() throws Exception {
        Map<String, String> wrong = security("not-the-password");

        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "command",
                "--kafka",
                listener.bootstrapServers(),
                "--namespace",
                "secured-wrong",
                "--kafka-security-protocol",
                wrong.get("PIDGR_KAFKA_SECURITY_PROTOCOL"),
                "--kafka-sasl-mechanism",
                wrong.get("PIDGR_KAFKA_SASL_MECHANISM"),
                "--kafka-sasl-jaas-config-file",
                wrong.get("PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE"),
                "--kafka-truststore",
                wrong.get("PIDGR_KAFKA_TRUSTSTORE"),
                "--kafka-truststore-password-file",
                wrong.get("PIDGR_KAFKA_TRUSTSTORE_PASSWORD_FILE"),
                "--state-dir",
                dir.resolve("state-wrong").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: Kafka at " + listener.bootstrapServers() + " refused pidgr's login: ")
                .contains("Invalid username or password")
                .doesNotContain("not-the-password");
    }

    @Test
    void shouldStopAtStartWhenTheBrokersCertificateIsNotTrusted() throws Exception {
        Map<String, String> untrusting = security(PASSWORD);

        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "command",
                "--kafka",
                listener.bootstrapServers(),
                "--namespace",
                "secured-untrusted",
                "--kafka-security-protocol",
                "SASL_SSL",
                "--kafka-sasl-mechanism",
                "PLAIN",
                "--kafka-sasl-jaas-config-file",
                untrusting.get("PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE"),
                "--state-dir",
                dir.resolve("state-untrusted").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: Kafka at " + listener.bootstrapServers()
                        + " refused pidgr's login: SSL handshake failed");
    }

    @Test
    void shouldSayThatKafkaRefusedTheLoginWhenAnOperatorCommandHasTheWrongPassword() throws Exception {
        Cli.Run tail = Cli.run(operator(security("not-the-password"), "events", "tail", "--topic",
                "pidgr.campaign.events", "--from-beginning", "--max-records", "1", "--timeout", "PT5S",
                "--bootstrap-servers", listener.bootstrapServers(), "--namespace", "secured-operator"));

        assertThat(tail.exit()).isEqualTo(1);
        assertThat(tail.err())
                .startsWith("pidgr events tail: Kafka refused the login: ")
                .contains("Invalid username or password")
                .contains("check --kafka-security-protocol")
                .doesNotContain("not-the-password");
    }

    /** {@code command} with the security flags of {@code variables} (the same options as serve's). */
    private static String[] operator(Map<String, String> variables, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of(
                "--kafka-security-protocol",
                variables.get("PIDGR_KAFKA_SECURITY_PROTOCOL"),
                "--kafka-sasl-mechanism",
                variables.get("PIDGR_KAFKA_SASL_MECHANISM"),
                "--kafka-sasl-jaas-config-file",
                variables.get("PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE"),
                "--kafka-truststore",
                variables.get("PIDGR_KAFKA_TRUSTSTORE"),
                "--kafka-truststore-password-file",
                variables.get("PIDGR_KAFKA_TRUSTSTORE_PASSWORD_FILE")));
        return args.toArray(String[]::new);
    }

    /** The PIDGR_* variables of a deployment that logs in as pidgr with {@code password}. */
    private static Map<String, String> security(String password) throws IOException {
        Path jaas = Files.writeString(
                dir.resolve("jaas-" + password + ".conf"),
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"pidgr\" password=\""
                        + password + "\";\n");
        Path trustPassword =
                Files.writeString(dir.resolve("truststore-password"), "trust-store\n", StandardCharsets.UTF_8);
        return Map.of("PIDGR_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PIDGR_KAFKA_SASL_MECHANISM", "PLAIN",
                "PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString(), "PIDGR_KAFKA_TRUSTSTORE", truststore.toString(),
                "PIDGR_KAFKA_TRUSTSTORE_PASSWORD_FILE", trustPassword.toString());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
