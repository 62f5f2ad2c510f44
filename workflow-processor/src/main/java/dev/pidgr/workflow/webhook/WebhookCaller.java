package dev.pidgr.workflow.webhook;

import dev.pidgr.contract.Tracing;
import dev.pidgr.contract.WebhookHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Makes one attempt of a webhook page (docs/api.md, "Webhook calls") within one budget, the attempt
 * timeout: the host is vetted first ({@link WebhookHosts}: a name is resolved with what the budget
 * allows), then the POST gets what remains. The connection goes to a vetted address only (OkHttp
 * gets a Dns that knows nothing else, and sockets that refuse any other address). Redirects are
 * not followed, no proxy is used, and OkHttp does not retry by itself: attempts are counted by the
 * dispatcher. A step's header that HTTP cannot carry makes the attempt final, never an exception.
 */
public final class WebhookCaller {

    /** How an attempt went. */
    public enum Kind { SUCCEEDED, RETRYABLE, FINAL }

    /**
     * One attempt's result: its kind, the HTTP status (0 when none), an error for people, and a Retry-After (-1: none).
     */
    public record Attempt(Kind kind, int statusCode, String error, long retryAfterMillis) {
        public Attempt(Kind kind, int statusCode, String error) {
            this(kind, statusCode, error, -1);
        }
    }

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient base;
    private final boolean allowInsecure;
    private final WebhookHosts hosts;
    private final WebhookSigner signer;
    private final Duration timeout;
    private final LongSupplier nowMillis;

    WebhookCaller(
            boolean allowInsecure, WebhookHosts hosts, WebhookSigner signer, Duration timeout, LongSupplier nowMillis) {
        this.allowInsecure = allowInsecure;
        this.hosts = hosts;
        this.signer = signer;
        this.timeout = timeout;
        this.nowMillis = nowMillis;
        this.base = new OkHttpClient.Builder()
                .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .build();
    }

    /**
     * One attempt: vet the host and its addresses, then POST with a fresh timestamp and signature; in a client span
     * whose {@code traceparent} the request carries when the call is in a trace (tracing on).
     */
    public Attempt call(WebhookCall call) {
        Span span = Span.fromContext(call.trace()).getSpanContext().isValid()
                ? Tracing.start("pidgr webhook call", SpanKind.CLIENT, call.trace())
                        .setAttribute(Tracing.CAMPAIGN_ID, call.campaignId())
                        .setAttribute("pidgr.step_id", call.stepId())
                        .setAttribute("pidgr.webhook_page", call.page())
                : Span.getInvalid();
        try {
            Attempt attempt = attempt(call, Context.root().with(span));
            span.setAttribute("http.response.status_code", attempt.statusCode());
            if (attempt.kind() != Kind.SUCCEEDED) {
                span.setStatus(StatusCode.ERROR, attempt.error());
            }
            return attempt;
        } finally {
            span.end();
        }
    }

    private Attempt attempt(WebhookCall call, Context trace) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUrl url = HttpUrl.parse(call.url());
        if (url == null) {
            return new Attempt(Kind.FINAL, 0, "the webhook URL is not valid");
        }
        if (!url.isHttps() && !allowInsecure) {
            return new Attempt(Kind.FINAL, 0, "only https webhook URLs are allowed");
        }
        Optional<String> header = headerProblem(call.headers());
        if (header.isPresent()) {
            return new Attempt(Kind.FINAL, 0, header.get());
        }
        List<InetAddress> addresses;
        try {
            addresses = hosts.vet(call.organizationId(), url.host(), deadline - System.nanoTime());
        } catch (WebhookHosts.RefusedException e) {
            return new Attempt(Kind.FINAL, 0, e.getMessage());
        } catch (UnknownHostException e) {
            return new Attempt(Kind.RETRYABLE, 0, "the webhook host does not resolve");
        } catch (TimeoutException e) {
            return new Attempt(
                    Kind.RETRYABLE,
                    0,
                    "resolving the webhook host " + url.host() + " took longer than the attempt's " + timeout.toMillis()
                            + " ms");
        } catch (ResolverPool.BusyException e) {
            return new Attempt(Kind.RETRYABLE, 0, "the webhook host was not resolved: " + e.getMessage());
        }
        long remaining = deadline - System.nanoTime();
        return remaining <= 0
                ? new Attempt(Kind.RETRYABLE, 0, "the attempt timed out")
                : post(url, addresses, call, remaining, trace);
    }

    private Attempt post(HttpUrl url, List<InetAddress> addresses, WebhookCall call, long remainingNanos,
                         Context trace) {
        String host = url.host();
        OkHttpClient client = base.newBuilder().callTimeout(Duration.ofNanos(remainingNanos)).dns(name -> {
            if (name.equals(host)) {
                return addresses;
            }
            throw new UnknownHostException("not a vetted host");
        }).socketFactory(new VettedSocketFactory(new HashSet<>(addresses))).build();
        try (Response response = client.newCall(request(url, call, trace)).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Attempt(Kind.SUCCEEDED, code, "");
            }
            Kind kind = code == 429 || code >= 500 ? Kind.RETRYABLE : Kind.FINAL;
            long retryAfter = code == 429 || code == 503
                    ? RetryAfter.millis(response.header("Retry-After"), nowMillis.getAsLong()).orElse(-1) : -1;
            return new Attempt(kind, code, "the endpoint answered HTTP " + code, retryAfter);
        } catch (InterruptedIOException e) {
            return new Attempt(Kind.RETRYABLE, 0, "the attempt timed out");
        } catch (IOException e) {
            return new Attempt(Kind.RETRYABLE, 0, "connection failed: " + e.getClass().getSimpleName());
        }
    }

    private Request request(HttpUrl url, WebhookCall call, Context trace) {
        long timestamp = nowMillis.getAsLong() / 1000;
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(call.body(), JSON));
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            if (!WebhookHeaders.isReserved(header.getKey())) {
                request.header(header.getKey(), header.getValue());
            }
        }
        Tracing.httpHeaders(trace).forEach(request::header);
        return request
                .header("X-Pidgr-Timestamp", Long.toString(timestamp))
                .header("X-Pidgr-Signature", signer.signature(timestamp, call.body()))
                .header("Idempotency-Key", call.idempotencyKey())
                .build();
    }

    /** Checked again at call time: a workflow stored under older rules may carry a header HTTP cannot send. */
    private static Optional<String> headerProblem(Map<String, String> headers) {
        for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
            if (WebhookHeaders.isReserved(header.getKey())) {
                continue;
            }
            if (!WebhookHeaders.isToken(header.getKey())) {
                return Optional.of("header name \"" + header.getKey() + "\" is not a valid HTTP header name");
            }
            Optional<String> value = WebhookHeaders.unsendableValue(header.getKey(), header.getValue());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
