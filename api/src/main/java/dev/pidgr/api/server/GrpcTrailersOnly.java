package dev.pidgr.api.server;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A gRPC answer made of headers alone (HTTP 200 with {@code grpc-status}, {@code grpc-message} and
 * {@code grpc-status-details-bin}), for requests refused at the transport, before a gRPC service
 * sees them. Native gRPC and gRPC-Web clients both read it as the call's status with its details.
 */
final class GrpcTrailersOnly {

    private GrpcTrailersOnly() {
    }

    /** The response headers, marked as the end of the stream (HTTP/2 sends one HEADERS frame, as gRPC wants). */
    static ResponseHeaders of(RequestHeaders request, com.google.rpc.Status status) {
        MediaType type = request.contentType();
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK)
                .endOfStream(true)
                .add("grpc-status", Integer.toString(status.getCode()))
                .add("grpc-message", percentEncoded(status.getMessage()));
        if (type != null) {
            headers.contentType(type);
        }
        if (status.getDetailsCount() > 0) {
            headers.add(
                    "grpc-status-details-bin",
                    Base64.getEncoder().withoutPadding().encodeToString(status.toByteArray()));
        }
        return headers.build();
    }

    static boolean isGrpc(RequestHeaders headers) {
        MediaType type = headers.contentType();
        return type != null && type.subtype().startsWith("grpc");
    }

    /** gRPC's {@code grpc-message} encoding: UTF-8, with bytes outside visible ASCII and {@code %} as {@code %XX}. */
    static String percentEncoded(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.write(b);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
