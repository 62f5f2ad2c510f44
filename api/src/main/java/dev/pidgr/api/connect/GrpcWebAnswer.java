package dev.pidgr.api.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpHeadersBuilder;
import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What a unary gRPC-Web answer says: the response message's bytes, the call's status with its
 * details, and the leading metadata (response headers that are no transport or gRPC header). The
 * status comes from the headers (a trailers-only answer), the HTTP trailers, or the trailer frame
 * at the end of the body, as gRPC-Web allows. Pure.
 *
 * @param message the response message's bytes (empty on error)
 * @param status  the call's status; its details are those of {@code grpc-status-details-bin}
 * @param headers the leading metadata, e.g. {@code x-pidgr-version}
 */
record GrpcWebAnswer(byte[] message, com.google.rpc.Status status, HttpHeaders headers) {

    private static final int TRAILER_FLAG = 0x80;
    private static final int COMPRESSED_FLAG = 0x01;

    boolean ok() {
        return status.getCode() == Status.Code.OK.value();
    }

    static GrpcWebAnswer of(AggregatedHttpResponse response) {
        HttpHeadersBuilder trailers = HttpHeaders.builder();
        trailers.add(response.headers());
        trailers.add(response.trailers());
        byte[] message = frames(response.content().array(), trailers);
        return new GrpcWebAnswer(message, status(response.status(), trailers.build()), metadata(response.headers()));
    }

    /**
     * Splits the body into the data frames' bytes (returned) and the trailer frame's headers (into {@code trailers}).
     */
    private static byte[] frames(byte[] body, HttpHeadersBuilder trailers) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (buffer.remaining() >= 5) {
            int flags = buffer.get() & 0xff;
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining() || (flags & COMPRESSED_FLAG) != 0) {
                throw new IllegalStateException("a malformed gRPC-Web frame from our own service");
            }
            byte[] payload = new byte[length];
            buffer.get(payload);
            if ((flags & TRAILER_FLAG) != 0) {
                for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        trailers.add(
                                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
            } else {
                data.writeBytes(payload);
            }
        }
        return data.toByteArray();
    }

    private static com.google.rpc.Status status(HttpStatus http, HttpHeaders trailers) {
        String code = trailers.get("grpc-status");
        String message = decoded(trailers.get("grpc-message"));
        String details = trailers.get("grpc-status-details-bin");
        if (details != null) {
            try {
                return com.google.rpc.Status.parseFrom(Base64.getDecoder().decode(padded(details)));
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                // fall back to grpc-status and grpc-message
            }
        }
        if (code == null) {
            return com.google.rpc.Status.newBuilder().setCode(fromHttp(http).value())
                    .setMessage(message.isEmpty() ? "HTTP status " + http.code() : message).build();
        }
        return com.google.rpc.Status.newBuilder()
                .setCode(Status.fromCodeValue(Integer.parseInt(code.trim()))
                        .getCode()
                        .value())
                .setMessage(message)
                .build();
    }

    /** gRPC's mapping of HTTP statuses for answers without a gRPC status. */
    private static Status.Code fromHttp(HttpStatus http) {
        return switch (http.code()) {
            case 400 -> Status.Code.INTERNAL;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.UNIMPLEMENTED;
            case 429, 502, 503, 504 -> Status.Code.UNAVAILABLE;
            default -> Status.Code.UNKNOWN;
        };
    }

    private static HttpHeaders metadata(HttpHeaders headers) {
        HttpHeadersBuilder metadata = HttpHeaders.builder();
        headers.forEach((name, value) -> {
            String key = name.toString();
            if (!key.startsWith(":") && !key.startsWith("grpc-") && !name.equals(HttpHeaderNames.CONTENT_TYPE)
                    && !name.equals(HttpHeaderNames.CONTENT_LENGTH) && !name.equals(HttpHeaderNames.CONTENT_ENCODING)) {
                metadata.add(name, value);
            }
        });
        return metadata.build();
    }

    private static String decoded(String message) {
        if (message == null) {
            return "";
        }
        return URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String padded(String base64) {
        return base64 + "===".substring(0, (4 - base64.length() % 4) % 4);
    }
}
