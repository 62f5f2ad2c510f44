package dev.pidgr.api.grpc;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.auth.InvalidTokenException;
import dev.pidgr.api.auth.KeysUnavailableException;
import dev.pidgr.api.auth.TokenVerifier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.netty.util.AttributeKey;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires {@code authorization: Bearer <JWT>} and puts the verified {@link Caller} into the context.
 * A refused token is UNAUTHENTICATED with a general message ("invalid token", "token expired",
 * "unknown signing key"); no usable signing keys is UNAVAILABLE. Both are logged at DEBUG only.
 */
public final class AuthInterceptor implements ServerInterceptor {

    /**
     * A token verified for this request before the call began: RequestBytes verifies it while the
     * request arrives (to charge its bytes to the caller's organization) and leaves the result here, so
     * the call does not parse and check the same token a second time (issue 13: the two verifications
     * were 9% of the api's CPU under SubmitAction load). Used only when the header holds the same token.
     */
    public record Verified(String token, Caller caller) {

        /** Tokens are credentials: never in a log line, should anything print the request's attributes. */
        @Override
        public String toString() {
            return "Verified[caller=" + caller + "]";
        }
    }

    public static final AttributeKey<Verified> VERIFIED = AttributeKey.valueOf(AuthInterceptor.class, "VERIFIED");

    private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;

    public AuthInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || !value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.length() == BEARER.length()) {
            return Calls.reject(call, Status.UNAUTHENTICATED
                    .withDescription("missing bearer token: send authorization: Bearer <JWT>").asRuntimeException());
        }
        String token = value.substring(BEARER.length()).trim();
        Caller caller = verifiedAlready(token);
        try {
            if (caller == null) {
                caller = verifier.verify(token);
            }
        } catch (InvalidTokenException e) {
            // The client hears the general reason; the detail goes to the debug log, never the token: tokens are
            // credentials.
            LOG.debug(
                    "rejected token on {}: {} ({})",
                    call.getMethodDescriptor().getFullMethodName(),
                    e.publicMessage(),
                    e.getMessage());
            return Calls.reject(call, Status.UNAUTHENTICATED.withDescription(e.publicMessage()).asRuntimeException());
        } catch (KeysUnavailableException e) {
            // The key set logs each failed load once; a line per call would let anyone flood the log.
            LOG.debug("cannot verify a token on {}: {}", call.getMethodDescriptor().getFullMethodName(), e.getCause());
            return Calls.reject(
                    call,
                    Status.UNAVAILABLE
                            .withDescription(KeysUnavailableException.MESSAGE)
                            .asRuntimeException());
        }
        return Contexts.interceptCall(Context.current().withValue(CallContext.CALLER, caller), call, headers, next);
    }

    private static Caller verifiedAlready(String token) {
        ServiceRequestContext request = ServiceRequestContext.currentOrNull();
        Verified verified = request == null ? null : request.attr(VERIFIED);
        return verified != null && verified.token().equals(token) ? verified.caller() : null;
    }
}
