package dev.pidgr.app;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver in the test: {@code POST /v1/traces} with an ExportTraceServiceRequest
 * (protobuf), each span kept with the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span; ids in lowercase hex, the parent empty for a root span. */
    record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The base URL to give {@code --otlp-endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .map(a -> a.getValue().getStringValue())
                    .findFirst()
                    .orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service, span.getName(),
                        hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()))));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
