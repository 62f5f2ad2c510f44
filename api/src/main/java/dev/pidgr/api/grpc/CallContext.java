package dev.pidgr.api.grpc;

import dev.pidgr.api.auth.Caller;
import io.grpc.Context;
import io.grpc.Metadata;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/** What the interceptors learn about a call and hand to the services through the gRPC {@link Context}. */
public final class CallContext {

    /** Sent on the response of every mutating RPC: the aggregate's new version. */
    public static final Metadata.Key<String> VERSION_HEADER =
            Metadata.Key.of("x-pidgr-version", Metadata.ASCII_STRING_MARSHALLER);
    /** Sent by clients on GetCampaign and GetTemplate to demand at least this version. */
    public static final Metadata.Key<String> MIN_VERSION_HEADER =
            Metadata.Key.of("x-pidgr-min-version", Metadata.ASCII_STRING_MARSHALLER);
    /** Sent by clients on mutating RPCs to make a retry safe. */
    public static final Metadata.Key<String> IDEMPOTENCY_KEY_HEADER =
            Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);

    static final Context.Key<Caller> CALLER = Context.key("pidgr-caller");
    static final Context.Key<Instant> DEADLINE = Context.key("pidgr-deadline");
    static final Context.Key<Metadata> HEADERS = Context.key("pidgr-request-headers");
    static final Context.Key<AtomicLong> RESPONSE_VERSION = Context.key("pidgr-response-version");
    static final Context.Key<Executor> BLOCKING = Context.key("pidgr-blocking-executor");

    private CallContext() {
    }

    /** The authenticated caller of the current call. */
    public static Caller caller() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the authentication interceptor did not run");
        }
        return caller;
    }

    /**
     * Where to finish the current call once something it waits for has happened, without holding a
     * thread meanwhile: the server's blocking executor, with this call's context (caller, deadline,
     * headers) in place. Callbacks of Kafka clients must not do the call's remaining work themselves.
     */
    public static Executor continuation() {
        Executor blocking = BLOCKING.get();
        return Context.current().fixedContextExecutor(blocking != null ? blocking : ForkJoinPool.commonPool());
    }

    /** The instant the current call must be answered by: the client's deadline or 10 s, at most the server's limit. */
    public static Instant deadline() {
        Instant deadline = DEADLINE.get();
        if (deadline == null) {
            throw new IllegalStateException("no deadline: the deadline interceptor did not run");
        }
        return deadline;
    }

    /** A request header of the current call, or null. */
    public static String header(Metadata.Key<String> key) {
        Metadata headers = HEADERS.get();
        return headers == null ? null : headers.get(key);
    }

    /** Sets the {@code x-pidgr-version} response header of the current call. */
    public static void respondWithVersion(long version) {
        AtomicLong holder = RESPONSE_VERSION.get();
        if (holder != null) {
            holder.set(version);
        }
    }
}
