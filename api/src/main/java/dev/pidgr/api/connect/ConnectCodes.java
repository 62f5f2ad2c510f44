package dev.pidgr.api.connect;

import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Status;
import java.util.Locale;

/**
 * The Connect protocol's names for the gRPC status codes and the HTTP status each error answers
 * with (connectrpc.com/docs/protocol, "Error codes"). Pure.
 */
final class ConnectCodes {

    private ConnectCodes() {
    }

    /**
     * The code's Connect name: the gRPC name in lower snake case ({@code invalid_argument}); CANCELLED is
     * {@code canceled}.
     */
    static String name(Status.Code code) {
        return code == Status.Code.CANCELLED ? "canceled" : code.name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status of a Connect error with this code. */
    static HttpStatus httpStatus(Status.Code code) {
        return HttpStatus.valueOf(switch (code) {
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNAUTHENTICATED -> 401;
            case OK, UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        });
    }
}
