package dev.pidgr.faults.support;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * One request and the status docs/api.md says it gets (and, for INVALID_ARGUMENT, the field its message
 * or its google.rpc.BadRequest detail names). {@link #run(List)} makes every call and returns the ones that answered
 * otherwise, so a
 * failing matrix shows every mismatch at once.
 */
public record Case(String rpc, String what, Status.Code expected, String field, Call call) {

    /** A call that returns normally or throws the status it got. */
    @FunctionalInterface
    public interface Call {
        void make();
    }

    public static Case of(String rpc, String what, Status.Code expected, Call call) {
        return new Case(rpc, what, expected, null, call);
    }

    /** INVALID_ARGUMENT whose message or BadRequest detail names {@code field}. */
    public static Case invalid(String rpc, String what, String field, Call call) {
        return new Case(rpc, what, Status.Code.INVALID_ARGUMENT, field, call);
    }

    /** The fields of the google.rpc.BadRequest detail, if the status carries one. */
    private static List<String> violatedFields(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (Any detail : status.getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                try {
                    detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
                } catch (InvalidProtocolBufferException ex) {
                    fields.add("<unreadable BadRequest>");
                }
            }
        }
        return fields;
    }

    /** Makes every call; returns a line per call that did not answer as expected. */
    public static List<String> run(List<Case> cases) {
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            Status.Code code;
            String description = "";
            List<String> fields = List.of();
            try {
                c.call.make();
                code = Status.Code.OK;
            } catch (StatusRuntimeException e) {
                code = e.getStatus().getCode();
                description = String.valueOf(e.getStatus().getDescription());
                fields = violatedFields(e);
            }
            boolean fieldNamed = c.field == null
                    || description.contains(c.field)
                    || fields.stream().anyMatch(f -> f.startsWith(c.field));
            if (code != c.expected || !fieldNamed) {
                mismatches.add(c.rpc + " (" + c.what + "): expected " + c.expected
                        + (c.field == null ? "" : " naming " + c.field) + ", got " + code + " \"" + description
                        + "\" fields "
                        + fields.stream().map(x -> "\"" + x + "\"").toList());
            }
        }
        return mismatches;
    }
}
