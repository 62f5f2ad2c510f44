package dev.pidgr.api.grpc;

import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.List;

/**
 * Runs after authentication and permissions: a request that breaks its proto's rules is INVALID_ARGUMENT and never
 * reaches the service.
 */
public final class ValidationInterceptor implements ServerInterceptor {

    private final RequestValidation validation;

    public ValidationInterceptor(RequestValidation validation) {
        this.validation = validation;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean rejected;

            @Override
            public void onMessage(Q message) {
                List<BadRequest.FieldViolation> violations;
                try {
                    violations = message instanceof Message proto ? validation.violations(proto) : List.of();
                } catch (RuntimeException e) {
                    rejected = true;
                    Calls.close(call, ApiErrors.toStatus(e));
                    return;
                }
                if (violations.isEmpty()) {
                    super.onMessage(message);
                    return;
                }
                rejected = true;
                String first = ApiErrors.invalidArgument(violations.subList(0, 1)).getStatus().getDescription();
                Calls.close(call, ApiErrors.invalidArgumentWithMessage(first, RequestValidation.bounded(violations)));
            }

            @Override
            public void onHalfClose() {
                if (!rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
