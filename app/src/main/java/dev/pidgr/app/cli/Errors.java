package dev.pidgr.app.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

/** Turns a failure into one readable line: for a call, its status, message and every field violation. */
public final class Errors {

    private Errors() {
    }

    /** One line for any failure of a command. */
    public static String describe(Throwable failure) {
        String line;
        AuthenticationException refused = kafkaLogin(failure);
        if (failure instanceof StatusRuntimeException status) {
            line = describe(status);
        } else if (refused != null) {
            line = "Kafka refused the login: " + refused.getMessage() + " (check --kafka-security-protocol,"
                    + " --kafka-sasl-mechanism, --kafka-sasl-jaas-config-file and --kafka-truststore)";
        } else if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            line = failure.getClass().getSimpleName();
        } else {
            line = failure.getMessage();
        }
        return line.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The Kafka client's refused login (SASL or TLS) when the failure is the Kafka client's own (a
     * failure of ours that wraps it already says what happened), or null.
     */
    private static AuthenticationException kafkaLogin(Throwable failure) {
        if (!(failure instanceof KafkaException)) {
            return null;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationException refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * {@code CODE: message; field: rule; field: rule [key=value]}: the status message, then each
     * field violation the message does not already say, then ErrorInfo metadata.
     */
    public static String describe(StatusRuntimeException e) {
        Status status = e.getStatus();
        List<String> parts = new ArrayList<>();
        if (status.getDescription() != null && !status.getDescription().isBlank()) {
            parts.add(status.getDescription());
        }
        String cause = rootCause(status.getCause());
        if (cause != null && parts.stream().noneMatch(p -> p.contains(cause))) {
            parts.add(cause); // a failure on this side, e.g. "Connection refused: /127.0.0.1:9090"
        }
        List<String> metadata = new ArrayList<>();
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details != null) {
            for (Any detail : details.getDetailsList()) {
                read(detail, parts, metadata);
            }
        }
        StringBuilder line = new StringBuilder(status.getCode().name());
        if (!parts.isEmpty()) {
            line.append(": ").append(String.join("; ", parts));
        }
        if (!metadata.isEmpty()) {
            line.append(" [").append(String.join(", ", metadata)).append("]");
        }
        return line.toString();
    }

    private static String rootCause(Throwable cause) {
        if (cause == null) {
            return null;
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static void read(Any detail, List<String> parts, List<String> metadata) {
        try {
            if (detail.is(BadRequest.class)) {
                for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                    String violation =
                            v.getField().isEmpty() ? v.getDescription() : v.getField() + ": " + v.getDescription();
                    if (!parts.contains(violation)) {
                        parts.add(violation);
                    }
                }
            } else if (detail.is(ErrorInfo.class)) {
                detail.unpack(ErrorInfo.class).getMetadataMap().forEach((k, v) -> metadata.add(k + "=" + v));
            }
        } catch (InvalidProtocolBufferException ignored) {
            // An unreadable detail adds nothing useful to the line.
        }
    }
}
