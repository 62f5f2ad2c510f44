package dev.pidgr.api.gateway;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.pidgr.contract.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * The api call's span, started where the command is sent (the gRPC handler's thread, inside Armeria's request
 * context) and ended with the command's result; its parent is the caller's {@code traceparent} header, if any.
 */
final class ApiSpans {

    private ApiSpans() {
    }

    /**
     * A server span for {@code rpc}, under the request's own trace context when it sent one.
     *
     * @param keyAttribute {@code pidgr.campaign_id} or {@code pidgr.template_id}, set to {@code key}
     */
    static Span start(String rpc, String keyAttribute, String key, String commandId) {
        ServiceRequestContext request = ServiceRequestContext.currentOrNull();
        Context parent = request == null ? Context.root() : Tracing.extract(name -> request.request().headers()
                .get(name));
        return Tracing.start("pidgr api " + rpc, SpanKind.SERVER, parent)
                .setAttribute(keyAttribute, key)
                .setAttribute("pidgr.command_id", commandId);
    }
}
