package dev.pidgr.api.server;

import com.linecorp.armeria.server.Server;
import dev.pidgr.api.auth.TokenVerifier;
import dev.pidgr.api.console.OperationsStatus;
import dev.pidgr.api.consistency.ProjectionWait;
import dev.pidgr.api.gateway.CommandGateway;
import dev.pidgr.api.inbox.InteractionPublisher;
import dev.pidgr.query.CampaignReads;
import dev.pidgr.query.DeviceReads;
import dev.pidgr.query.InboxReads;
import dev.pidgr.query.ProjectionPositions;
import dev.pidgr.query.TemplateReads;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The gRPC edge on one port: native gRPC (h2c, or TLS when given a certificate and key), gRPC-Web and Connect
 * over HTTP/1.1 and HTTP/2 with CORS, the standard health service and server reflection v1, and,
 * when asked for, the web console at {@code /console/}.
 * Build it with {@link #builder()}, then {@link #start()}; {@link #close()} stops it (the gateway,
 * publisher and reads it was given belong to the caller, who closes them afterwards).
 */
public final class ApiServer implements AutoCloseable {

    /**
     * Calls served at once on blocking threads. Armeria's default pool of 200 creates a new thread for
     * each call until it has 200 (a thread pool grows to its core size before reusing idle threads), and
     * each idle thread keeps its stack: a benchmark's 32 callers left 201 threads in the dev process. A
     * call holds a thread only while it reads PostgreSQL (the read pool has 10 connections) or waits for
     * Kafka to acknowledge an interaction, so 64 leave room and bound the memory (docs/operations.md, "Memory").
     */
    public static final int DEFAULT_BLOCKING_THREADS = 64;

    private final Server server;
    private final ReadinessHealth health;

    ApiServer(Server server, ReadinessHealth health) {
        this.server = server;
        this.health = health;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns once it listens. */
    public void start() {
        health.start();
        server.start().join();
    }

    /** The port it listens on (the actual one when built with port 0). */
    public int port() {
        return server.activeLocalPort();
    }

    /** Stops accepting calls, lets running ones finish (up to 10 s), and releases the port. */
    @Override
    public void close() {
        server.stop().join();
        health.close();
    }

    /** Everything the server needs; every dependency is required except those with a stated default. */
    public static final class Builder {
        int port;
        String host;
        TokenVerifier tokenVerifier;
        CommandGateway gateway;
        InteractionPublisher interactions;
        CampaignReads campaignReads;
        TemplateReads templateReads;
        InboxReads inboxReads;
        DeviceReads deviceReads;
        ProjectionPositions positions;
        BooleanSupplier readiness;
        MeterRegistry meterRegistry;
        List<String> corsOrigins = List.of();
        Path tlsCertificate;
        Path tlsKey;
        Clock clock = Clock.systemUTC();
        ProjectionWait projectionWait;
        int blockingThreads = DEFAULT_BLOCKING_THREADS;
        ApiLimits limits = ApiLimits.DEFAULTS;
        boolean console;
        Supplier<OperationsStatus> operations;

        private Builder() {
        }

        /** The port; 0 picks a free one (see {@link ApiServer#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The interface to listen on, e.g. 127.0.0.1 in dev mode; default every interface. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder tokenVerifier(TokenVerifier verifier) {
            this.tokenVerifier = verifier;
            return this;
        }

        public Builder gateway(CommandGateway gateway) {
            this.gateway = gateway;
            return this;
        }

        public Builder interactions(InteractionPublisher publisher) {
            this.interactions = publisher;
            return this;
        }

        public Builder campaignReads(CampaignReads reads) {
            this.campaignReads = reads;
            return this;
        }

        public Builder templateReads(TemplateReads reads) {
            this.templateReads = reads;
            return this;
        }

        public Builder deviceReads(DeviceReads reads) {
            this.deviceReads = reads;
            return this;
        }

        public Builder inboxReads(InboxReads reads) {
            this.inboxReads = reads;
            return this;
        }

        public Builder positions(ProjectionPositions positions) {
            this.positions = positions;
            return this;
        }

        /** The health service says SERVING for "" only while this says every role is ready. */
        public Builder readiness(BooleanSupplier readiness) {
            this.readiness = readiness;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** Origins allowed to call through gRPC-Web from a browser; {@code "*"} allows any (dev). Default: none. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /** Serve TLS (HTTP/2 and HTTP/1.1 over TLS) with this PEM certificate chain and PKCS#8 PEM key. */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tlsCertificate = certificateChain;
            this.tlsKey = privateKey;
            return this;
        }

        /** The clock for deadlines and command times (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How reads wait for the projection (default: polling with a short backoff). */
        public Builder projectionWait(ProjectionWait wait) {
            this.projectionWait = wait;
            return this;
        }

        /**
         * Threads of the executor our services' calls run on (Armeria's blocking task executor); default
         * {@link #DEFAULT_BLOCKING_THREADS}, 0 for Armeria's own (200). Mutations do not hold one while they
         * wait for their result.
         */
        public Builder blockingThreads(int threads) {
            this.blockingThreads = threads;
            return this;
        }

        /** Deadline clamps and concurrency limits (default {@link ApiLimits#DEFAULTS}). */
        public Builder limits(ApiLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Serve the web console at {@code /console/} and its operations figures at
         * {@code /console/status} (from {@code operations}); default off. The console calls the
         * public API over Connect with the user's own token.
         */
        public Builder console(Supplier<OperationsStatus> operations) {
            this.console = true;
            this.operations = operations;
            return this;
        }

        public ApiServer build() {
            return ServerAssembly.assemble(this);
        }
    }
}
