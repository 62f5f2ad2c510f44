package dev.pidgr.api.grpc;

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
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires {@code authorization: Bearer <JWT>} and puts the verified {@link Caller} into the context.
 * A refused token is UNAUTHENTICATED with a general message ("invalid token", "token expired",
 * "unknown signing key"); no usable signing keys is UNAVAILABLE. Both are logged at DEBUG only.
 */
public final class AuthInterceptor implements ServerInterceptor {

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
        Caller caller;
        try {
            caller = verifier.verify(value.substring(BEARER.length()).trim());
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
}
