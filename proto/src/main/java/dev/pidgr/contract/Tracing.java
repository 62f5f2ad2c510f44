package dev.pidgr.contract;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;

/**
 * Opt-in tracing for the Kafka shells: spans from the installed OpenTelemetry (none installed: every
 * call is a no-op and no header is written) and the W3C trace context ({@code traceparent},
 * {@code tracestate}) carried on record headers. {@code pidgr serve --otlp-endpoint} installs an SDK;
 * see docs/operations.md, "Tracing".
 */
public final class Tracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The span attribute naming the campaign a span worked for. */
    public static final String CAMPAIGN_ID = "pidgr.campaign_id";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Headers> HEADERS_SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private static volatile Tracer tracer = OpenTelemetry.noop().getTracer("dev.pidgr");
    private static volatile boolean on;

    private Tracing() {
    }

    /** Traces with {@code openTelemetry} from now on (one per process: serve installs it at start). */
    public static void install(OpenTelemetry openTelemetry) {
        tracer = openTelemetry.getTracer("dev.pidgr");
        on = true;
    }

    /** Back to no tracing (serve at shutdown, after flushing its SDK). */
    public static void uninstall() {
        on = false;
        tracer = OpenTelemetry.noop().getTracer("dev.pidgr");
    }

    public static boolean on() {
        return on;
    }

    /** Starts a span of {@code kind} under {@code parent}; the caller makes it current and ends it. */
    public static Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** The trace context a record carries (the root context when it carries none or tracing is off). */
    public static Context extract(Headers headers) {
        return extract(name -> EventHeaders.read(headers, name));
    }

    /** The trace context found through {@code header} (e.g. an HTTP request's headers). */
    public static Context extract(Function<String, String> header) {
        if (!on) {
            return Context.root();
        }
        return W3C.extract(Context.root(), header, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Function<String, String> carrier) {
                return List.of(TRACEPARENT, TRACESTATE);
            }

            @Override
            public String get(Function<String, String> carrier, String key) {
                return carrier == null ? null : carrier.apply(key);
            }
        });
    }

    /** Writes the current span's context onto {@code headers} (nothing when tracing is off); returns them. */
    public static Headers inject(Headers headers) {
        return inject(Context.current(), headers);
    }

    /** Writes {@code context}'s span onto {@code headers} (nothing when tracing is off or it has no span). */
    public static Headers inject(Context context, Headers headers) {
        if (on) {
            W3C.inject(context, headers, HEADERS_SETTER);
        }
        return headers;
    }

    /** The trace headers of {@code context} as name/value pairs, for an HTTP call (none when off). */
    public static Map<String, String> httpHeaders(Context context) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (on) {
            W3C.inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
        }
        return headers;
    }
}
