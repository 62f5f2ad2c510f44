package dev.pidgr.app.run;

import dev.pidgr.api.server.ApiLimits;
import dev.pidgr.gateway.GatewaySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything one pidgr process needs to run its roles, read in one place (flags, environment, or
 * the dev data folder). See docs/configuration.md for each setting.
 */
public record NodeSettings(
        Set<Role> roles,
        String bootstrapServers,
        String namespace,
        int partitions,
        short replicationFactor,
        Path stateDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String grpcHost,
        int grpcPort,
        int metricsPort,
        Auth auth,
        byte[] webhookSecret,
        byte[] pageTokenKey,
        boolean allowInsecureWebhooks,
        List<String> corsOrigins,
        Path tlsCertificate,
        Path tlsPrivateKey,
        int commandCommitIntervalMs,
        int workflowCommitIntervalMs,
        ApiLimits apiLimits,
        short minInsyncReplicas,
        KafkaProperties kafkaProperties,
        boolean console,
        GatewaySettings gateway) {

    /** Settings with the gateway's defaults (no email). */
    public NodeSettings(
            Set<Role> roles,
            String bootstrapServers,
            String namespace,
            int partitions,
            short replicationFactor,
            Path stateDir,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            String grpcHost,
            int grpcPort,
            int metricsPort,
            Auth auth,
            byte[] webhookSecret,
            byte[] pageTokenKey,
            boolean allowInsecureWebhooks,
            List<String> corsOrigins,
            Path tlsCertificate,
            Path tlsPrivateKey,
            int commandCommitIntervalMs,
            int workflowCommitIntervalMs,
            ApiLimits apiLimits,
            short minInsyncReplicas,
            KafkaProperties kafkaProperties,
            boolean console) {
        this(roles, bootstrapServers, namespace, partitions, replicationFactor, stateDir, jdbcUrl, jdbcUser,
                jdbcPassword, grpcHost, grpcPort, metricsPort, auth, webhookSecret, pageTokenKey, allowInsecureWebhooks,
                corsOrigins, tlsCertificate, tlsPrivateKey, commandCommitIntervalMs, workflowCommitIntervalMs,
                apiLimits, minInsyncReplicas, kafkaProperties, console, GatewaySettings.defaults());
    }

    /** Settings without the web console. */
    public NodeSettings(
            Set<Role> roles,
            String bootstrapServers,
            String namespace,
            int partitions,
            short replicationFactor,
            Path stateDir,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            String grpcHost,
            int grpcPort,
            int metricsPort,
            Auth auth,
            byte[] webhookSecret,
            byte[] pageTokenKey,
            boolean allowInsecureWebhooks,
            List<String> corsOrigins,
            Path tlsCertificate,
            Path tlsPrivateKey,
            int commandCommitIntervalMs,
            int workflowCommitIntervalMs,
            ApiLimits apiLimits,
            short minInsyncReplicas,
            KafkaProperties kafkaProperties) {
        this(
                roles,
                bootstrapServers,
                namespace,
                partitions,
                replicationFactor,
                stateDir,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                grpcHost,
                grpcPort,
                metricsPort,
                auth,
                webhookSecret,
                pageTokenKey,
                allowInsecureWebhooks,
                corsOrigins,
                tlsCertificate,
                tlsPrivateKey,
                commandCommitIntervalMs,
                workflowCommitIntervalMs,
                apiLimits,
                minInsyncReplicas,
                kafkaProperties,
                false);
    }

    /**
     * Settings with the api's default limits ({@link ApiLimits#DEFAULTS}), {@code min.insync.replicas}
     * chosen from the replication (0), no extra Kafka properties, and without the web console.
     */
    public NodeSettings(
            Set<Role> roles,
            String bootstrapServers,
            String namespace,
            int partitions,
            short replicationFactor,
            Path stateDir,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            String grpcHost,
            int grpcPort,
            int metricsPort,
            Auth auth,
            byte[] webhookSecret,
            byte[] pageTokenKey,
            boolean allowInsecureWebhooks,
            List<String> corsOrigins,
            Path tlsCertificate,
            Path tlsPrivateKey,
            int commandCommitIntervalMs,
            int workflowCommitIntervalMs) {
        this(
                roles,
                bootstrapServers,
                namespace,
                partitions,
                replicationFactor,
                stateDir,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                grpcHost,
                grpcPort,
                metricsPort,
                auth,
                webhookSecret,
                pageTokenKey,
                allowInsecureWebhooks,
                corsOrigins,
                tlsCertificate,
                tlsPrivateKey,
                commandCommitIntervalMs,
                workflowCommitIntervalMs,
                ApiLimits.DEFAULTS,
                (short) 0,
                KafkaProperties.NONE);
    }

    /**
     * How tokens are verified: a JWKS (an https URL or a file) with issuer and audience, and/or a
     * shared HS256 secret; issuer and audience, when given, are required of every token.
     *
     * @throws IllegalArgumentException for a JWKS URL other than https://
     */
    public record Auth(byte[] hs256Secret, String jwksLocation, String issuer, String audience) {

        public Auth {
            if (jwksLocation != null && jwksLocation.contains("://") && !isHttps(jwksLocation)) {
                throw new IllegalArgumentException(
                        "--jwks (PIDGR_JWKS) must be an https:// URL or a file, not " + jwksLocation);
            }
        }

        /** Whether the JWKS location is a URL to fetch (else a file). */
        public static boolean isHttps(String location) {
            return location.regionMatches(true, 0, "https://", 0, "https://".length());
        }

        public static Auth hs256(byte[] secret) {
            return new Auth(secret, null, null, null);
        }
    }

    /** These settings with the web console on or off (the api role serves it at /console/). */
    public NodeSettings withConsole(boolean on) {
        return new NodeSettings(
                roles,
                bootstrapServers,
                namespace,
                partitions,
                replicationFactor,
                stateDir,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                grpcHost,
                grpcPort,
                metricsPort,
                auth,
                webhookSecret,
                pageTokenKey,
                allowInsecureWebhooks,
                corsOrigins,
                tlsCertificate,
                tlsPrivateKey,
                commandCommitIntervalMs,
                workflowCommitIntervalMs,
                apiLimits,
                minInsyncReplicas,
                kafkaProperties,
                on,
                gateway);
    }

    /** These settings with the gateway's settings (retries, email) replaced. */
    public NodeSettings withGateway(GatewaySettings settings) {
        return new NodeSettings(roles, bootstrapServers, namespace, partitions, replicationFactor, stateDir, jdbcUrl,
                jdbcUser, jdbcPassword, grpcHost, grpcPort, metricsPort, auth, webhookSecret, pageTokenKey,
                allowInsecureWebhooks, corsOrigins, tlsCertificate, tlsPrivateKey, commandCommitIntervalMs,
                workflowCommitIntervalMs, apiLimits, minInsyncReplicas, kafkaProperties, console, settings);
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
