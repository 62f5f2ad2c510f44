package dev.pidgr.api.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import io.grpc.Status;
import java.util.Base64;

/**
 * A gRPC status as the Connect protocol's error: the HTTP status of its code and the JSON body
 * {@code {"code": "invalid_argument", "message": ..., "details": [{"type": "google.rpc.BadRequest",
 * "value": <base64 of the detail's bytes>}]}}, carrying the same message and details a gRPC client
 * gets in {@code grpc-status-details-bin}. Pure.
 */
public final class ConnectError {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectError() {
    }

    /** The error response for {@code status}, with {@code headers} (leading metadata) besides its own. */
    public static AggregatedHttpResponse response(com.google.rpc.Status status, HttpHeaders headers) {
        Status.Code code = Status.fromCodeValue(status.getCode()).getCode();
        ResponseHeaders responseHeaders = ResponseHeaders.builder(ConnectCodes.httpStatus(code))
                .add(headers)
                .contentType(MediaType.JSON)
                .build();
        return AggregatedHttpResponse.of(responseHeaders, com.linecorp.armeria.common.HttpData.wrap(body(status)));
    }

    /** The error response for {@code status} alone. */
    public static AggregatedHttpResponse response(com.google.rpc.Status status) {
        return response(status, HttpHeaders.of());
    }

    /** An error without details. */
    static AggregatedHttpResponse response(Status.Code code, String message) {
        return response(com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message).build());
    }

    static byte[] body(com.google.rpc.Status status) {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", ConnectCodes.name(Status.fromCodeValue(status.getCode()).getCode()));
        if (!status.getMessage().isEmpty()) {
            error.put("message", status.getMessage());
        }
        if (status.getDetailsCount() > 0) {
            ArrayNode details = error.putArray("details");
            for (Any detail : status.getDetailsList()) {
                details.addObject()
                        .put("type", typeName(detail.getTypeUrl()))
                        .put(
                                "value",
                                Base64.getEncoder()
                                        .withoutPadding()
                                        .encodeToString(detail.getValue().toByteArray()));
            }
        }
        try {
            return JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings always serializes", e);
        }
    }

    /**
     * {@code type.googleapis.com/google.rpc.BadRequest} is {@code google.rpc.BadRequest}: Connect names the message
     * alone.
     */
    static String typeName(String typeUrl) {
        return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    }
}
