package dev.pidgr.app.dev;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.NodeSettings;
import dev.pidgr.app.run.Role;
import dev.pidgr.embedded.DevInfra;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code pidgr dev}: the embedded broker and database, every role on them, the banner.
 * Apart from {@link DevCommand} because only this class names the embedded infrastructure: picocli
 * reads the command's methods, which must not mention classes the production class path lacks.
 */
final class DevSession {

    private static final Logger LOG = LoggerFactory.getLogger(DevCommand.class);
    static final String DATABASE = "pidgr";

    private final int grpcPort;
    private final Path dataDir;
    private final int metricsPort;
    private final int kafkaPort;
    private final int postgresPort;
    private final DevMail.Ports mailPorts;

    DevSession(int grpcPort, Path dataDir, int metricsPort, int kafkaPort, int postgresPort, DevMail.Ports mailPorts) {
        this.mailPorts = mailPorts;
        this.grpcPort = grpcPort;
        this.dataDir = dataDir;
        this.metricsPort = metricsPort;
        this.kafkaPort = kafkaPort;
        this.postgresPort = postgresPort;
    }

    /** Starts the infrastructure and every role, prints the banner, and returns once stopped. */
    int run() throws Exception {
        long startedAt = System.nanoTime();
        DataDir dir = new DataDir(dataDir);
        byte[] jwtSecret;
        try {
            jwtSecret = dir.jwtSecret(System.getenv("PIDGR_JWT_SECRET"));
        } catch (IllegalArgumentException e) {
            System.err.println("pidgr dev: refusing to start: " + e.getMessage());
            return 2;
        }
        try (DevLock lock = DevLock.acquire(dir.root())) {
            LOG.warn("dev mode: webhooks may target http:// URLs and loopback or private addresses (never allow this in"
                    + " production)");
            DevInfra infra = DevInfra.start(dir.root(), kafkaPort, postgresPort);
            infra.postgres().createDatabase(DATABASE);
            DevMail mail = DevMail.start(mailPorts);
            NodeSettings settings = settings(dir, infra, jwtSecret).withGateway(mail.gatewaySettings());
            Node node = new Node(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> stop(node, infra, mail, stopped), "pidgr-dev-shutdown"));
            node.start();
            node.awaitReady(Duration.ofSeconds(120));
            new DevJson("127.0.0.1:" + node.grpcPort(), infra.kafka().bootstrapServers(),
                    infra.postgres().jdbcUrl(DATABASE), infra.postgres().user(), infra.postgres().password(),
                    "http://127.0.0.1:" + node.metricsPort() + "/metrics", settings.namespace(),
                    "127.0.0.1:" + mail.ports().imap(), ProcessHandle.current().pid()).write(dir.devJson());
            long millis = (System.nanoTime() - startedAt) / 1_000_000;
            printBanner(node, dir, jwtSecret, mail.ports(), millis);
            return node.awaitStop(stopped);
        }
    }

    private NodeSettings settings(DataDir dir, DevInfra infra, byte[] jwtSecret) throws java.io.IOException {
        return new NodeSettings(EnumSet.allOf(Role.class), infra.kafka().bootstrapServers(), "", 6, (short) 1,
                dir.streams(), infra.postgres().jdbcUrl(DATABASE), infra.postgres().user(), infra.postgres().password(),
                "127.0.0.1", grpcPort, metricsPort, NodeSettings.Auth.hs256(jwtSecret),
                dir.webhookSecret(System.getenv("PIDGR_WEBHOOK_SECRET")), dir.pageTokenKey(), true, List.of("*"),
                null, null, 10, 100).withConsole(true);
    }

    private static void printBanner(Node node, DataDir dir, byte[] secret, DevMail.Ports mailPorts, long millis)
            throws java.io.IOException {
        String org = dir.devOrganization();
        String token = new DevTokens(secret, Clock.systemUTC()).issueAdmin("dev-admin", org);
        System.out.printf(
                """

                pidgr dev is SERVING (ready in %.1f s)
                  gRPC + gRPC-Web  127.0.0.1:%d   (and Connect; health and reflection on)
                  metrics          http://127.0.0.1:%d/metrics
                  email            sent to SMTP 127.0.0.1:%d; read it with
                                   ./pidgr mail <recipient address> --data-dir %s
                                   (or any IMAP client: 127.0.0.1:%d, user and password the recipient address)
                  data folder      %s
                  organization     %s
                  token (7 days, every permission):
                %s
                  console (signs this browser in with the token above):
                %s

                Try:  ./pidgr template list --data-dir %s     Stop: Ctrl-C
                %n\
                """,
                millis / 1000.0,
                node.grpcPort(),
                node.metricsPort(),
                mailPorts.smtp(),
                dir.root(),
                mailPorts.imap(),
                dir.root(),
                org,
                token,
                DevCommand.consoleLink(node.grpcPort(), token),
                dir.root());
        System.out.flush();
    }

    private static void stop(Node node, DevInfra infra, DevMail mail, CountDownLatch stopped) {
        LOG.info("stopping");
        try {
            node.close();
            mail.close();
            infra.close();
        } catch (Exception e) {
            LOG.warn("stopping failed: {}", e.toString());
        } finally {
            stopped.countDown();
        }
    }
}
