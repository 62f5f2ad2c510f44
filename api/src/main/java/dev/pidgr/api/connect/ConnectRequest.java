package dev.pidgr.api.connect;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import io.grpc.Status;
import java.util.Locale;

/**
 * A Connect unary request's headers, checked, and the gRPC-Web request headers our gRPC service is
 * called with instead: the same metadata (authorization, idempotency-key, x-pidgr-*), and
 * {@code connect-timeout-ms} as {@code grpc-timeout}, so the server clamps it like any other
 * deadline. Pure.
 */
final class ConnectRequest {

    static final MediaType GRPC_WEB = MediaType.create("application", "grpc-web+proto");
    /** grpc-timeout carries at most 8 digits; anything longer is far beyond every deadline the server allows. */
    static final long MAX_GRPC_TIMEOUT_MS = 99_999_999L;

    /** What the request is: a call to make with this codec and these headers, or a refusal to answer at once. */
    sealed interface Checked permits Call, Refusal {
    }

    record Call(Codec codec, RequestHeaders grpcWeb) implements Checked {
    }

    record Refusal(HttpStatus http, Status.Code code, String message, HttpHeaders headers) implements Checked {
    }

    private ConnectRequest() {
    }

    static Checked check(RequestHeaders headers) {
        if (headers.method() != HttpMethod.POST) {
            return new Refusal(HttpStatus.METHOD_NOT_ALLOWED, Status.Code.UNIMPLEMENTED,
                    "Connect unary calls are POST requests", HttpHeaders.of(HttpHeaderNames.ALLOW, "POST"));
        }
        Codec codec = Codec.of(headers.contentType());
        if (codec == null) {
            return new Refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    Status.Code.UNIMPLEMENTED,
                    "content-type must be application/json or application/proto (Connect), or application/grpc* (gRPC,"
                            + " gRPC-Web)",
                    HttpHeaders.of("accept-post", "application/json, application/proto"));
        }
        String version = headers.get("connect-protocol-version");
        if (version != null && !version.trim().equals("1")) {
            return refusal(Status.Code.INVALID_ARGUMENT, "connect-protocol-version must be 1");
        }
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            return new Refusal(
                    HttpStatus.NOT_IMPLEMENTED,
                    Status.Code.UNIMPLEMENTED,
                    "request compression is not supported; send it uncompressed",
                    HttpHeaders.of(HttpHeaderNames.ACCEPT_ENCODING, "identity"));
        }
        String timeout = headers.get("connect-timeout-ms");
        if (timeout != null && !timeout.trim().matches("[0-9]{1,10}")) {
            return refusal(
                    Status.Code.INVALID_ARGUMENT, "connect-timeout-ms must be a positive integer of at most 10 digits");
        }
        return new Call(codec, grpcWeb(headers, timeout == null ? null : Long.parseLong(timeout.trim())));
    }

    private static Refusal refusal(Status.Code code, String message) {
        return new Refusal(ConnectCodes.httpStatus(code), code, message, HttpHeaders.of());
    }

    private static RequestHeaders grpcWeb(RequestHeaders connect, Long timeoutMs) {
        RequestHeadersBuilder builder = connect.toBuilder();
        connect.names().stream().filter(name -> !passes(name.toString())).forEach(builder::remove);
        builder.contentType(GRPC_WEB);
        if (timeoutMs != null) {
            builder.set("grpc-timeout", Math.min(timeoutMs, MAX_GRPC_TIMEOUT_MS) + "m");
        }
        return builder.build();
    }

    /** Metadata and pseudo-headers pass; the body's own headers, Connect's and any gRPC header a client sent do not. */
    private static boolean passes(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith("connect-")
                && !n.startsWith("grpc-")
                && !n.equals("content-type")
                && !n.equals("content-length")
                && !n.equals("content-encoding")
                && !n.equals("accept-encoding")
                && !n.equals("te");
    }
}
