package dev.pidgr.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A second listener of an embedded broker, SASL_SSL with the PLAIN mechanism, as a managed Kafka
 * service offers one: TLS with the certificate in {@code keystore} (PKCS12) and the users of
 * {@code users} (name to password). The plaintext listener stays for the broker itself and for
 * tests that set things up.
 */
public record SaslSslListener(int port, Path keystore, String keystorePassword, Map<String, String> users) {

    static final String NAME = "SECURED";

    public SaslSslListener {
        users = Map.copyOf(users);
    }

    /** A listener on a port that is free now. */
    public static SaslSslListener onFreePort(Path keystore, String keystorePassword, Map<String, String> users) {
        return new SaslSslListener(Ports.free(), keystore, keystorePassword, users);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} with {@code security.protocol=SASL_SSL}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void addTo(Properties p) {
        p.setProperty("listeners", p.getProperty("listeners") + "," + NAME + "://127.0.0.1:" + port);
        p.setProperty(
                "advertised.listeners", p.getProperty("advertised.listeners") + "," + NAME + "://127.0.0.1:" + port);
        p.setProperty(
                "listener.security.protocol.map",
                p.getProperty("listener.security.protocol.map") + "," + NAME + ":SASL_SSL");
        String prefix = "listener.name." + NAME.toLowerCase(java.util.Locale.ROOT) + ".";
        p.setProperty(prefix + "sasl.enabled.mechanisms", "PLAIN");
        p.setProperty(
                prefix + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + users.entrySet().stream()
                                .map(u -> "user_" + u.getKey() + "=\"" + u.getValue() + "\"")
                                .collect(Collectors.joining(" "))
                        + ";");
        p.setProperty(prefix + "ssl.keystore.location", keystore.toAbsolutePath().toString());
        p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
        p.setProperty(prefix + "ssl.keystore.password", keystorePassword);
        p.setProperty(prefix + "ssl.key.password", keystorePassword);
    }
}
