package dev.pidgr.workflow.webhook;

import dev.pidgr.contract.WebhookAddresses;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Makes one attempt of a webhook page (API.md, "Webhook calls"). Before every attempt the host is
 * resolved and each address checked; the connection goes to a checked address only (OkHttp gets a
 * Dns that knows nothing else, and IP literals are checked directly). Redirects are not followed,
 * no proxy is used, and OkHttp does not retry by itself: attempts are counted here.
 */
public final class WebhookCaller {

    /** How an attempt went. */
    public enum Kind { SUCCEEDED, RETRYABLE, FINAL }

    /** One attempt's result: its kind, the HTTP status (0 when none) and an error for people. */
    public record Attempt(Kind kind, int statusCode, String error) {
    }

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "idempotency-key",
            "x-pidgr-timestamp", "x-pidgr-signature", "transfer-encoding", "connection");

    private final OkHttpClient base;
    private final boolean allowInsecure;
    private final WebhookResolver resolver;
    private final WebhookSigner signer;
    private final LongSupplier unixSeconds;

    public WebhookCaller(boolean allowInsecure, WebhookResolver resolver, WebhookSigner signer, Duration timeout,
                         LongSupplier unixSeconds) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
        this.signer = signer;
        this.unixSeconds = unixSeconds;
        this.base = new OkHttpClient.Builder()
                .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .build();
    }

    /** One attempt: resolve and vet, then POST with a fresh timestamp and signature. */
    public Attempt call(WebhookCall call) {
        HttpUrl url = HttpUrl.parse(call.url());
        if (url == null) {
            return new Attempt(Kind.FINAL, 0, "the webhook URL is not valid");
        }
        if (!url.isHttps() && !allowInsecure) {
            return new Attempt(Kind.FINAL, 0, "only https webhook URLs are allowed");
        }
        List<InetAddress> addresses;
        try {
            addresses = vettedAddresses(url.host());
        } catch (RefusedAddressException e) {
            return new Attempt(Kind.FINAL, 0, e.getMessage());
        } catch (UnknownHostException e) {
            return new Attempt(Kind.RETRYABLE, 0, "the webhook host does not resolve");
        }
        return post(url, addresses, call);
    }

    private Attempt post(HttpUrl url, List<InetAddress> addresses, WebhookCall call) {
        String host = url.host();
        OkHttpClient client = base.newBuilder().dns(name -> {
            if (name.equals(host)) {
                return addresses;
            }
            throw new UnknownHostException("not a vetted host");
        }).build();
        try (Response response = client.newCall(request(url, call)).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Attempt(Kind.SUCCEEDED, code, "");
            }
            Kind kind = code == 429 || code >= 500 ? Kind.RETRYABLE : Kind.FINAL;
            return new Attempt(kind, code, "the endpoint answered HTTP " + code);
        } catch (InterruptedIOException e) {
            return new Attempt(Kind.RETRYABLE, 0, "the attempt timed out");
        } catch (IOException e) {
            return new Attempt(Kind.RETRYABLE, 0, "connection failed: " + e.getClass().getSimpleName());
        }
    }

    private Request request(HttpUrl url, WebhookCall call) {
        long timestamp = unixSeconds.getAsLong();
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(call.body(), JSON));
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            if (!RESERVED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        }
        return request
                .header("X-Pidgr-Timestamp", Long.toString(timestamp))
                .header("X-Pidgr-Signature", signer.signature(timestamp, call.body()))
                .header("Idempotency-Key", call.idempotencyKey())
                .build();
    }

    private List<InetAddress> vettedAddresses(String host) throws UnknownHostException {
        if (!allowInsecure) {
            Optional<String> refusal = WebhookAddresses.refusalForHost(host);
            if (refusal.isPresent()) {
                throw new RefusedAddressException(refusal.get());
            }
        }
        List<InetAddress> resolved = WebhookAddresses.isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
        if (allowInsecure) {
            return resolved;
        }
        List<InetAddress> allowed = new ArrayList<>();
        String refusal = "the webhook host resolves to no address";
        for (InetAddress address : resolved) {
            Optional<String> why = WebhookAddresses.refusal(address);
            if (why.isEmpty()) {
                allowed.add(address);
            } else {
                refusal = "the webhook host resolves to a refused address: " + why.get();
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException(refusal);
        }
        return allowed;
    }

    /** The host is, or resolves only to, addresses webhooks may not reach. */
    private static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
