package dev.pidgr.localproviders.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Google OAuth token endpoint and FCM HTTP v1 on one port, answering as Google documents them, for tests,
 * benchmarks and local development. {@code POST /token} takes the JWT-bearer grant (RFC 7523), checks the
 * assertion's RS256 signature with the service account's public key, its issuer, audience (Google's token endpoint)
 * and scope, and issues an access token ({@code invalid_grant} else). {@code POST /v1/projects/<project>/messages:send}
 * checks that token (401 {@code THIRD_PARTY_AUTH_ERROR} else), records the request and answers 200 with the message
 * name, or the refusal set for the registration token with {@link #refuse}, in Google's error body with an
 * {@code FcmError} detail and an optional {@code Retry-After}.
 */
public final class FcmServer implements AutoCloseable {

    /** One send with a valid access token: the registration token, the whole request, the answer's status and name. */
    public record Received(String token, JsonNode body, int status, String name) {}

    /** A refusal: status, Google's canonical status, the FcmError code and an optional Retry-After (null: none). */
    public record Refusal(int status, String canonical, String errorCode, String retryAfter) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Google's token endpoint names itself as the audience, wherever the assertion is posted. */
    private static final String AUDIENCE = "https://oauth2.googleapis.com/token";

    private final HttpServer server;
    private final RSAPublicKey accountKey;
    private final String clientEmail;
    private final String project;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FcmServer(RSAPublicKey accountKey, String clientEmail, String project) throws IOException {
        this.accountKey = accountKey;
        this.clientEmail = clientEmail;
        this.project = project;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Starts on a free port of 127.0.0.1 for the service account {@code clientEmail} of {@code project}. */
    public static FcmServer start(RSAPublicKey accountKey, String clientEmail, String project) throws IOException {
        FcmServer fcm = new FcmServer(accountKey, clientEmail, project);
        fcm.server.start();
        return fcm;
    }

    /** Starts for {@code account}: the server that account's key file ({@link ServiceAccount#json}) works with. */
    public static FcmServer start(ServiceAccount account) throws IOException {
        return start(account.publicKey(), account.clientEmail(), account.project());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The API's base URL (the gateway's {@code PIDGR_FCM_ENDPOINT}). */
    public String base() {
        return "http://127.0.0.1:" + port();
    }

    /** The OAuth token endpoint's URL (the gateway's {@code PIDGR_FCM_TOKEN_ENDPOINT}). */
    public String tokenEndpoint() {
        return base() + "/token";
    }

    /** From now on, answers sends to the registration token {@code token} with {@code refusal}. */
    public FcmServer refuse(String token, Refusal refusal) {
        refusals.put(token, refusal);
        return this;
    }

    /** Every send with a valid access token, in arrival order, accepted or refused. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many access tokens were asked for, granted or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                || !validAssertion(form.get("assertion"))) {
            reply(exchange, 400, "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}");
            return;
        }
        String token = "ya29.local-" + counter.incrementAndGet();
        issued.add(token);
        reply(exchange, 200, "{\"access_token\": \"" + token + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}");
    }

    private boolean validAssertion(String assertion) {
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    && jwt.verify(new RSASSAVerifier(accountKey))
                    && clientEmail.equals(claims.getIssuer())
                    && claims.getAudience().contains(AUDIENCE)
                    && String.valueOf(claims.getClaim("scope")).contains("firebase.messaging");
        } catch (Exception e) {
            return false;
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean rightPath = exchange.getRequestURI().getPath().equals("/v1/projects/" + project + "/messages:send");
        if (authorization == null || !issued.contains(authorization.replaceFirst("^Bearer ", "")) || !rightPath) {
            reply(exchange, 401, error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String token = body.path("message").path("token").asText();
        Refusal refusal = refusals.get(token);
        if (refusal == null) {
            String name = "projects/" + project + "/messages/0:" + counter.incrementAndGet();
            received.add(new Received(token, body, 200, name));
            reply(exchange, 200, "{\"name\": \"" + name + "\"}");
            return;
        }
        received.add(new Received(token, body, refusal.status(), ""));
        if (refusal.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", refusal.retryAfter());
        }
        reply(exchange, refusal.status(), error(refusal.status(), refusal.canonical(), refusal.errorCode()));
    }

    private static String error(int status, String canonical, String errorCode) {
        return "{\"error\": {\"code\": " + status + ", \"message\": \"refused\", \"status\": \"" + canonical
                + "\", \"details\": [{\"@type\": \"type.googleapis.com/google.firebase.fcm.v1.FcmError\", "
                + "\"errorCode\": \"" + errorCode + "\"}]}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
