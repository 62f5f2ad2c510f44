package dev.pidgr.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.auth.InvalidTokenException;
import dev.pidgr.api.auth.KeysUnavailableException;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.auth.TokenVerifier;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /console/status}: the operations page's figures ({@link OperationsStatus}) as JSON,
 * read-only, for a token with VIEW_CAMPAIGNS (a manager's). It reveals no organization's data: only
 * readiness, lag and a replay under way, the figures the metrics endpoint already exports.
 */
public final class OperationsEndpoint implements HttpService {

    public static final String PATH = "/console/status";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final Supplier<OperationsStatus> status;

    public OperationsEndpoint(TokenVerifier verifier, Supplier<OperationsStatus> status) {
        this.verifier = verifier;
        this.status = status;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req) {
        String authorization = req.headers().get("authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return error(HttpStatus.UNAUTHORIZED, "missing bearer token: send authorization: Bearer <JWT>");
        }
        Caller caller;
        try {
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (InvalidTokenException | KeysUnavailableException e) {
            return error(HttpStatus.UNAUTHORIZED, "invalid token");
        }
        if (!caller.has(Permission.VIEW_CAMPAIGNS)) {
            return error(HttpStatus.FORBIDDEN, "the operations status needs VIEW_CAMPAIGNS");
        }
        // The status reads PostgreSQL (a replay under way): not on the event loop.
        return HttpResponse.of(
                CompletableFuture.supplyAsync(() -> json(HttpStatus.OK, status.get()), ctx.blockingTaskExecutor()));
    }

    private static HttpResponse error(HttpStatus status, String message) {
        return json(status, Map.of("message", message));
    }

    private static HttpResponse json(HttpStatus status, Object body) {
        try {
            return HttpResponse.builder().status(status).content(MediaType.JSON, JSON.writeValueAsBytes(body))
                    .header("cache-control", "no-store").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of strings and numbers always serialize", e);
        }
    }
}
