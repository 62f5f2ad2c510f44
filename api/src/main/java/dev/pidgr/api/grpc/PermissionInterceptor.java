package dev.pidgr.api.grpc;

import dev.pidgr.api.auth.MethodPermissions;
import dev.pidgr.api.auth.MethodPermissions.Requirement;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Refuses a call whose verified caller lacks the method's permission (PERMISSION_DENIED). Runs after authentication.
 */
public final class PermissionInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Requirement> requirement = MethodPermissions.of(method);
        if (requirement.isEmpty()) {
            return Calls.reject(call, Status.PERMISSION_DENIED
                    .withDescription("no permission is defined for " + method).asRuntimeException());
        }
        if (!requirement.get().allows(CallContext.caller())) {
            String needed = requirement.get().permission().orElseThrow().name();
            return Calls.reject(call, Status.PERMISSION_DENIED
                    .withDescription("this call needs the " + needed + " permission").asRuntimeException());
        }
        return next.startCall(call, headers);
    }
}
