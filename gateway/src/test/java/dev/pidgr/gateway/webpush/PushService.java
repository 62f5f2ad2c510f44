package dev.pidgr.gateway.webpush;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local push service (RFC 8030 section 5): {@code POST /push/<subscription>} with an {@code aes128gcm} body, a
 * {@code TTL} and {@code Authorization: vapid t=<JWT>, k=<key>} (RFC 8292). It checks the JWT's ES256 signature
 * with {@code k}, its audience (this origin), expiry (at most 24 hours ahead) and subject, keeps the body for the
 * test to decrypt, and answers by subscription as {@link #answers} says: 201 with a {@code Location} else.
 */
final class PushService implements AutoCloseable {

    /** One accepted request: the subscription id, the encrypted body and the VAPID key it was signed with. */
    record Received(String subscription, byte[] body, String vapidKey, String ttl) {}

    /** A refusal: the status and an optional Retry-After. */
    record Refusal(int status, String retryAfter) {}

    private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");

    private final HttpServer server;
    private final String subject;
    private final Map<String, Refusal> answers;
    private final AtomicInteger messages = new AtomicInteger();
    final List<Received> received = new CopyOnWriteArrayList<>();

    PushService(String subject, Map<String, Refusal> answers) throws IOException {
        this.subject = subject;
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", this::push);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String endpoint(String subscription) {
        return origin() + "/push/" + subscription;
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
        String subscription = exchange.getRequestURI().getPath().substring("/push/".length());
        received.add(new Received(subscription, body, vapid.group(2), headers.getFirst("TTL")));
        Refusal refusal = answers.get(subscription);
        if (refusal == null) {
            exchange.getResponseHeaders().add("Location", origin() + "/m/" + messages.incrementAndGet());
            reply(exchange, 201);
            return;
        }
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
