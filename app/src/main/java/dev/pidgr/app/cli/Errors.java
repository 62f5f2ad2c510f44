package dev.pidgr.app.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/** Turns a failed call into one readable line: the status, its message, and the field violations. */
public final class Errors {

    private Errors() {
    }

    public static String describe(StatusRuntimeException e) {
        StringBuilder line = new StringBuilder(e.getStatus().getCode().name());
        if (e.getStatus().getDescription() != null) {
            line.append(": ").append(e.getStatus().getDescription());
        }
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        List<String> details = new ArrayList<>();
        if (status != null) {
            for (Any detail : status.getDetailsList()) {
                details.addAll(describe(detail));
            }
        }
        if (!details.isEmpty()) {
            line.append(" [").append(String.join("; ", details)).append("]");
        }
        return line.toString();
    }

    private static List<String> describe(Any detail) {
        List<String> lines = new ArrayList<>();
        try {
            if (detail.is(BadRequest.class)) {
                for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                    lines.add(v.getField() + ": " + v.getDescription());
                }
            } else if (detail.is(ErrorInfo.class)) {
                ErrorInfo info = detail.unpack(ErrorInfo.class);
                info.getMetadataMap().forEach((k, v) -> lines.add(k + "=" + v));
            }
        } catch (InvalidProtocolBufferException ignored) {
            // An unreadable detail adds nothing useful to the line.
        }
        return lines;
    }
}
