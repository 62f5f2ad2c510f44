package dev.pidgr.app.dev;

import dev.pidgr.app.Main;
import dev.pidgr.embedded.DevInfra;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pidgr dev}: every role in one JVM on an embedded Kafka broker and PostgreSQL whose data is
 * kept in the data folder. Prints the address and a token with every permission; Ctrl-C stops it.
 * The embedded libraries are not in the production jar's {@code lib/}: without them on the class path
 * (./pidgr dev adds {@code app/target/dev-lib}) it says so and fails. Only {@link DevSession} names
 * them, so that every other command loads without them.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the whole engine locally on embedded Kafka and PostgreSQL (data kept in --data-dir).")
public final class DevCommand implements Callable<Integer> {

    @Option(
            names = "--grpc-port",
            defaultValue = "9090",
            description =
                    "gRPC, gRPC-Web and Connect port; the console is at /console/ on it (default: ${DEFAULT-VALUE}).")
    int grpcPort;

    @Option(names = "--data-dir", defaultValue = ".pidgr", description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--metrics-port",
            defaultValue = "9464",
            description = "Prometheus metrics port (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "" + DevInfra.DEFAULT_KAFKA_PORT,
            description = "Embedded Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--postgres-port",
            defaultValue = "" + DevInfra.DEFAULT_POSTGRES_PORT,
            description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(
            names = "--smtp-port",
            defaultValue = "19025",
            description = "Embedded mail server's SMTP port, where the gateway sends email"
                    + " (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(
            names = "--imap-port",
            defaultValue = "19143",
            description = "Embedded mail server's IMAP port, where the sent email can be read"
                    + " (default: ${DEFAULT-VALUE}).")
    int imapPort;

    @Override
    public Integer call() throws Exception {
        if (!EmbeddedLibraries.present(DevCommand.class.getClassLoader())) {
            System.err.println(EmbeddedLibraries.MISSING);
            return Main.FAILED;
        }
        DevMail.Ports mail = new DevMail.Ports(smtpPort, imapPort);
        return new DevSession(grpcPort, dataDir, metricsPort, kafkaPort, postgresPort, mail).run();
    }

    /**
     * The console's sign-in link: the token travels in the URL fragment, which browsers never send to
     * a server; the console moves it into sessionStorage and removes it from the address bar.
     */
    static String consoleLink(int port, String token) {
        return "http://127.0.0.1:" + port + "/console/#token=" + token;
    }
}
