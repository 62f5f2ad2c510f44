package dev.pidgr.api.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Ending a call early from an interceptor. */
final class Calls {

    private Calls() {
    }

    /** Closes the call with the exception's status and trailers and returns a listener that ignores the rest. */
    static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, StatusRuntimeException error) {
        close(call, error);
        return new ServerCall.Listener<>() {
        };
    }

    static void close(ServerCall<?, ?> call, StatusRuntimeException error) {
        Metadata trailers = error.getTrailers() == null ? new Metadata() : error.getTrailers();
        Status status = error.getStatus();
        call.close(status, trailers);
    }
}
