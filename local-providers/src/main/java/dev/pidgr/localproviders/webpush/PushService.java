package dev.pidgr.localproviders.webpush;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Web Push service answering as RFC 8030 section 5 documents, for tests, benchmarks and local development:
 * {@code POST /push/<subscription>} with an {@code aes128gcm} body, a {@code TTL} and {@code Authorization: vapid
 * t=<JWT>, k=<key>} (RFC 8292). It checks the JWT's ES256 signature with {@code k}, its audience (this origin),
 * expiry (at most 24 hours ahead) and subject (403 else, not recorded), checks an optional {@code Topic} (section
 * 5.4: at most 32 base64url characters, 400 else), records the encrypted body for a
 * {@link UserAgent} to decrypt, and answers 201 with a {@code Location}, or the refusal set for the subscription
 * with {@link #refuse}.
 */
public final class PushService implements AutoCloseable {

    /**
     * One request with a valid VAPID token: the subscription id, the encrypted body, the VAPID key it was signed
     * with, its TTL, its {@code Topic} ("" without one), and the answer (201 with the message's {@code location},
     * or a refusal's status and "").
     */
    public record Received(String subscription, byte[] body, String vapidKey, String ttl, String topic, int status,
            String location) {}

    /** A refusal: the status (404, 410, 413, 429, 5xx) and an optional Retry-After (null: none). */
    public record Refusal(int status, String retryAfter) {}

    private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");
    /** RFC 8030 section 5.4: at most 32 characters of the URL- and filename-safe base64 alphabet. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final HttpServer server;
    private final String subject;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private PushService(String subject) throws IOException {
        this.subject = subject;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", this::push);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Starts on a free port of 127.0.0.1, accepting VAPID tokens whose subject is {@code subject}. */
    public static PushService start(String subject) throws IOException {
        PushService service = new PushService(subject);
        service.server.start();
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** This push service's origin, the audience a VAPID token must name. */
    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    /** The endpoint of subscription {@code subscription}, what a browser's {@code PushSubscription} carries. */
    public String endpoint(String subscription) {
        return origin() + "/push/" + subscription;
    }

    /** From now on, answers pushes to {@code subscription} with {@code refusal}. */
    public PushService refuse(String subscription, Refusal refusal) {
        refusals.put(subscription, refusal);
        return this;
    }

    /** Every push with a valid VAPID token, in arrival order, accepted or refused. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void push(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        Matcher vapid = VAPID.matcher(String.valueOf(headers.getFirst("Authorization")));
        if (!vapid.matches() || !validJwt(vapid.group(1), vapid.group(2))
                || !"aes128gcm".equals(headers.getFirst("Content-Encoding")) || headers.getFirst("TTL") == null) {
            reply(exchange, 403);
            return;
        }
        String topic = headers.getFirst("Topic") == null ? "" : headers.getFirst("Topic");
        if (!topic.isEmpty() && !TOPIC.matcher(topic).matches()) {
            reply(exchange, 400);
            return;
        }
        String subscription = exchange.getRequestURI().getPath().substring("/push/".length());
        String ttl = headers.getFirst("TTL");
        Refusal refusal = refusals.get(subscription);
        if (refusal == null) {
            String location = origin() + "/m/" + messages.incrementAndGet();
            received.add(new Received(subscription, body, vapid.group(2), ttl, topic, 201, location));
            exchange.getResponseHeaders().add("Location", location);
            reply(exchange, 201);
            return;
        }
        received.add(new Received(subscription, body, vapid.group(2), ttl, topic, refusal.status(), ""));
        if (refusal.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", refusal.retryAfter());
        }
        reply(exchange, refusal.status());
    }

    private boolean validJwt(String token, String key) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant expires = claims.getExpirationTime().toInstant();
            return JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    && jwt.verify(new ECDSAVerifier(P256.publicKey(Base64.getUrlDecoder().decode(key))))
                    && claims.getAudience().equals(List.of(origin()))
                    && expires.isAfter(Instant.now())
                    && expires.isBefore(Instant.now().plus(Duration.ofHours(24)))
                    && subject.equals(claims.getSubject());
        } catch (Exception e) {
            return false;
        }
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
