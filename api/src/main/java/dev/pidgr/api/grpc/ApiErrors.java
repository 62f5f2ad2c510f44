package dev.pidgr.api.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.pidgr.api.auth.KeysUnavailableException;
import dev.pidgr.api.gateway.CommandRejectedException;
import dev.pidgr.events.v1.FieldViolation;
import dev.pidgr.events.v1.Rejected;
import dev.pidgr.query.InvalidPageTokenException;
import dev.pidgr.query.ReadFailedException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses with {@code google.rpc} details. Anything
 * unexpected becomes INTERNAL with a generic message; its detail goes to the log, never the client.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    /** The ErrorInfo domain of our ABORTED details. */
    public static final String DOMAIN = "pidgr.dev";
    public static final String VERSION_MISMATCH = "VERSION_MISMATCH";
    /** The ErrorInfo reason of RESOURCE_EXHAUSTED for a full concurrency limit. */
    public static final String CONCURRENCY_LIMIT = "CONCURRENCY_LIMIT";

    private ApiErrors() {
    }

    /** One field violation: INVALID_ARGUMENT "field: description" with a BadRequest detail. */
    public static StatusRuntimeException invalidArgument(String field, String description) {
        return invalidArgument(List.of(violation(field, description)));
    }

    /** INVALID_ARGUMENT naming the first violation; all of them go into the BadRequest detail. */
    public static StatusRuntimeException invalidArgument(List<BadRequest.FieldViolation> violations) {
        return withViolations(Code.INVALID_ARGUMENT, summary(violations, "invalid request"), violations);
    }

    /** INVALID_ARGUMENT with this message and these violations as the BadRequest detail. */
    static StatusRuntimeException invalidArgumentWithMessage(
            String message, List<BadRequest.FieldViolation> violations) {
        return withViolations(Code.INVALID_ARGUMENT, message, violations);
    }

    public static StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException unavailable(String message) {
        return Status.UNAVAILABLE.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException deadlineExceeded(String message) {
        return Status.DEADLINE_EXCEEDED.withDescription(message).asRuntimeException();
    }

    /**
     * RESOURCE_EXHAUSTED for a full concurrency limit: "too many <what> for this organization on
     * this server (at most N); retry after a short delay", with {@code google.rpc.ErrorInfo}
     * (reason CONCURRENCY_LIMIT; metadata limit, scope, max) and {@code google.rpc.RetryInfo} (1 s).
     */
    public static StatusRuntimeException tooMany(String limit, String what, ConcurrencyLimit.Scope scope, long max) {
        String where = scope == ConcurrencyLimit.Scope.ORGANIZATION
                ? " for this organization on this server"
                : " on this server";
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(CONCURRENCY_LIMIT)
                .setDomain(DOMAIN)
                .putMetadata("limit", limit)
                .putMetadata("scope", scope.name().toLowerCase(Locale.ROOT))
                .putMetadata("max", Long.toString(max))
                .build();
        RetryInfo retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(1))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("too many " + what + where + " (at most " + max + "); retry after a short delay")
                .addDetails(Any.pack(info))
                .addDetails(Any.pack(retry))
                .build());
    }

    public static BadRequest.FieldViolation violation(String field, String description) {
        return BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build();
    }

    /** Maps any failure of a service call to the status the client sees. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        return switch (failure) {
            case StatusRuntimeException e -> e;
            case StatusException e -> new StatusRuntimeException(e.getStatus(), e.getTrailers());
            case CommandRejectedException e -> fromRejection(e.rejected());
            case InvalidPageTokenException e ->
                invalidArgument("pagination.page_token", "the page token is not valid for this query");
            case KeysUnavailableException e -> unavailable(KeysUnavailableException.MESSAGE);
            case ReadFailedException e -> {
                LOG.warn("projection read failed: {}", e.getMessage());
                yield unavailable("the read model cannot be reached; retry");
            }
            default -> {
                LOG.error("unexpected failure in a call", failure);
                yield Status.INTERNAL.withDescription("internal error").asRuntimeException();
            }
        };
    }

    /** A command side refusal: its code, its message, its violations as BadRequest, and ErrorInfo for ABORTED. */
    static StatusRuntimeException fromRejection(Rejected rejected) {
        List<BadRequest.FieldViolation> violations = rejected.getViolationsList().stream()
                .map(ApiErrors::violation).toList();
        return switch (rejected.getCode()) {
            case REJECTION_CODE_INVALID_ARGUMENT ->
                withViolations(Code.INVALID_ARGUMENT, rejected.getMessage(), violations);
            case REJECTION_CODE_FAILED_PRECONDITION ->
                withViolations(Code.FAILED_PRECONDITION, rejected.getMessage(), violations);
            case REJECTION_CODE_NOT_FOUND -> withViolations(Code.NOT_FOUND, rejected.getMessage(), violations);
            case REJECTION_CODE_ALREADY_EXISTS ->
                withViolations(Code.ALREADY_EXISTS, rejected.getMessage(), violations);
            case REJECTION_CODE_ABORTED -> aborted(rejected.getMessage(), rejected.getCurrentVersion());
            case REJECTION_CODE_DEADLINE_EXCEEDED -> deadlineExceeded(rejected.getMessage());
            case REJECTION_CODE_INTERNAL, REJECTION_CODE_UNSPECIFIED, UNRECOGNIZED -> {
                LOG.error("the command side answered {}: {}", rejected.getCode(), rejected.getMessage());
                yield Status.INTERNAL.withDescription("internal error").asRuntimeException();
            }
        };
    }

    /** ABORTED with a {@code google.rpc.ErrorInfo} whose metadata has {@code current_version}. */
    public static StatusRuntimeException aborted(String message, long currentVersion) {
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason(VERSION_MISMATCH)
                .setDomain(DOMAIN)
                .putMetadata("current_version", Long.toString(currentVersion))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.ABORTED_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(info))
                .build());
    }

    private static BadRequest.FieldViolation violation(FieldViolation v) {
        return violation(v.getField(), v.getDescription());
    }

    private static StatusRuntimeException withViolations(
            Code code, String message, List<BadRequest.FieldViolation> violations) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        if (!violations.isEmpty()) {
            status.addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations).build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static String summary(List<BadRequest.FieldViolation> violations, String fallback) {
        if (violations.isEmpty()) {
            return fallback;
        }
        BadRequest.FieldViolation first = violations.getFirst();
        return first.getField().isEmpty() ? first.getDescription() : first.getField() + ": " + first.getDescription();
    }
}
