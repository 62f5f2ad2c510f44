package dev.pidgr.api.grpc;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.Violation;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import dev.pidgr.api.v1.CreateCampaignRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a request against the protovalidate rules declared in the protos and describes every
 * violation as a {@code google.rpc.BadRequest} field violation ("name", "value length must be at
 * most 200 characters"). Pure and thread-safe.
 */
public final class RequestValidation {

    /** Trailers travel in HTTP headers, which clients cap (grpc-java: 8 KiB), so the details are bounded. */
    static final int MAX_DETAIL_VIOLATIONS = 50;
    static final int MAX_DETAIL_BYTES = 4096;

    private final Validator validator = ValidatorFactory.newBuilder().build();

    /** The violations of {@code request}, in protovalidate's order; empty when valid. */
    public List<BadRequest.FieldViolation> violations(Message request) {
        if (request instanceof CreateCampaignRequest create) {
            List<BadRequest.FieldViolation> out =
                    new ArrayList<>(protovalidate(AudienceValidation.withoutAudience(create)));
            out.addAll(AudienceValidation.violations(create, this::protovalidate));
            return out;
        }
        return protovalidate(request);
    }

    private List<BadRequest.FieldViolation> protovalidate(Message request) {
        ValidationResult result;
        try {
            result = validator.validate(request);
        } catch (ValidationException e) {
            throw new IllegalStateException("the validation rules of " + request.getDescriptorForType().getFullName()
                    + " cannot be evaluated", e);
        }
        List<BadRequest.FieldViolation> out = new ArrayList<>(result.getViolations().size());
        for (Violation violation : result.getViolations()) {
            build.buf.validate.Violation proto = violation.toProto();
            out.add(ApiErrors.violation(path(proto.getField()), proto.getMessage()));
        }
        return out;
    }

    /** The violations a status detail can carry: the first ones, then a note saying how many more there are. */
    static List<BadRequest.FieldViolation> bounded(List<BadRequest.FieldViolation> all) {
        List<BadRequest.FieldViolation> kept = new ArrayList<>();
        int bytes = 0;
        for (BadRequest.FieldViolation violation : all) {
            bytes += violation.getSerializedSize() + 4;
            if (kept.size() == MAX_DETAIL_VIOLATIONS || bytes > MAX_DETAIL_BYTES) {
                kept.add(ApiErrors.violation("", (all.size() - kept.size()) + " more violations are not listed"));
                return kept;
            }
            kept.add(violation);
        }
        return kept;
    }

    /** {@code workflow.steps[2].transitions["done"]}: the notation of protovalidate and of our command side. */
    static String path(FieldPath path) {
        StringBuilder text = new StringBuilder();
        for (FieldPathElement element : path.getElementsList()) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(element.getFieldName());
            switch (element.getSubscriptCase()) {
                case INDEX -> text.append('[').append(element.getIndex()).append(']');
                case BOOL_KEY -> text.append('[').append(element.getBoolKey()).append(']');
                case INT_KEY -> text.append('[').append(element.getIntKey()).append(']');
                case UINT_KEY -> text.append('[').append(element.getUintKey()).append(']');
                case STRING_KEY ->
                    text.append("[\"")
                            .append(element.getStringKey().replace("\\", "\\\\").replace("\"", "\\\""))
                            .append("\"]");
                case SUBSCRIPT_NOT_SET -> {
                }
            }
        }
        return text.toString();
    }
}
