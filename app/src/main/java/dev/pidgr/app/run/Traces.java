package dev.pidgr.app.run;

import dev.pidgr.contract.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in tracing of one process: the OpenTelemetry SDK exporting spans over OTLP/HTTP (protobuf) to
 * {@code <endpoint>/v1/traces} in batches, sampled by trace id at {@code ratio} unless the caller's
 * {@code traceparent} decided already. Installed for the Kafka shells ({@link Tracing}) until closed.
 * Without an endpoint nothing is installed and tracing costs nothing. docs/operations.md, "Tracing".
 */
public final class Traces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Traces.class);

    private final OpenTelemetrySdk sdk;

    private Traces(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    /** Tracing to {@code endpoint} (null or blank: none), spans named for {@code serviceName} and the roles. */
    public static Traces start(String endpoint, String serviceName, double ratio, Set<Role> roles) {
        if (endpoint == null || endpoint.isBlank()) {
            return new Traces(null);
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("--trace-sampling-ratio must be between 0 and 1, not " + ratio);
        }
        String url = tracesUrl(endpoint);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), serviceName,
                AttributeKey.stringKey("pidgr.roles"), String.join(",", names(roles)))));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(url).build())
                        .setScheduleDelay(Duration.ofSeconds(1))
                        .build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        Tracing.install(sdk);
        LOG.info("tracing on: spans of service {} to {} (sampling ratio {})", serviceName, url, ratio);
        return new Traces(sdk);
    }

    /** {@code http://collector:4318} gives {@code http://collector:4318/v1/traces}; a URL with a path is kept. */
    static String tracesUrl(String endpoint) {
        URI uri = URI.create(endpoint.strip());
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("--otlp-endpoint must be an http or https URL, not " + endpoint);
        }
        String path = uri.getPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? endpoint.strip().replaceAll("/$", "") + "/v1/traces" : endpoint.strip();
    }

    private static Set<String> names(Set<Role> roles) {
        Set<String> names = new TreeSet<>();
        roles.forEach(role -> names.add(role.name().toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    /** Stops tracing, sending the spans still buffered (at most 10 s). */
    @Override
    public void close() {
        if (sdk != null) {
            Tracing.uninstall();
            sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
