package dev.pidgr.localproviders.apns;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ExchangeType;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.RoutingContext;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local APNs, answering as Apple's "Sending notification requests to APNs" documents, for tests, benchmarks and
 * local development. HTTP/2 over TLS (a self-signed certificate for {@code localhost}, {@link #certificate()}):
 * {@code POST /3/device/<token>} with {@code authorization: bearer <JWT>} signed ES256 by the team's key,
 * {@code apns-topic}, {@code apns-id}, {@code apns-push-type} and an optional {@code apns-collapse-id} (at most 64
 * bytes, 400 {@code BadCollapseId} else). It checks the JWT's signature with the key's public
 * half, its key id and team, records the request, then answers 200 with the {@code apns-id}, or the refusal set for
 * the token with {@link #refuse} (APNs' JSON {@code reason}; a 410 carries a {@code timestamp}). A wrong JWT gets
 * 403 {@code InvalidProviderToken} and is not recorded.
 */
public final class ApnsServer implements AutoCloseable {

    /** One request as APNs saw it ({@code collapseId} "" without one) and its answer's status (200 or a refusal's). */
    public record Received(String token, String topic, String apnsId, String collapseId, String pushType,
            String payload, int status) {}

    /** A refusal: the status and APNs' reason, e.g. 410 {@code Unregistered} or 429 {@code TooManyRequests}. */
    public record Refusal(int status, String reason) {}

    /** APNs: "The identifier must not exceed 64 bytes." */
    private static final int MAX_COLLAPSE_ID_BYTES = 64;

    private final Server server;
    private final X509Certificate certificate;
    private final ECPublicKey teamKey;
    private final String keyId;
    private final String teamId;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ApnsServer(ECPublicKey teamKey, String keyId, String teamId) throws GeneralSecurityException {
        this.teamKey = teamKey;
        this.keyId = keyId;
        this.teamId = teamId;
        KeyPair tls = Pem.p256();
        this.certificate = Pem.selfSigned(tls);
        this.server = Server.builder()
                .https(0)
                .tls(tls.getPrivate(), certificate)
                .service("prefix:/3/device/", new UnaryService())
                .build();
    }

    /** Starts on a free port, accepting provider tokens of {@code teamKey} with this key id and team id. */
    public static ApnsServer start(ECPublicKey teamKey, String keyId, String teamId) throws GeneralSecurityException {
        ApnsServer apns = new ApnsServer(teamKey, keyId, teamId);
        apns.server.start().join();
        return apns;
    }

    public int port() {
        return server.activeLocalPort();
    }

    /** The server's certificate, for {@code localhost}: what a client must trust ({@link Pem#writeCertificate}). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** From now on, answers requests for {@code token} with {@code refusal}. */
    public ApnsServer refuse(String token, Refusal refusal) {
        refusals.put(token, refusal);
        return this;
    }

    /** Every request with a valid provider token, in arrival order, refused or not. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Unary both ways, so Armeria writes an error body as one DATA frame that ends the stream, as APNs does (Pushy
     * reads a refusal's reason only from such a frame).
     */
    private final class UnaryService implements HttpService {
        @Override
        public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
            return HttpResponse.of(req.aggregate().thenApply(request -> answer(ctx, request)));
        }

        @Override
        public ExchangeType exchangeType(RoutingContext routingContext) {
            return ExchangeType.UNARY;
        }
    }

    private HttpResponse answer(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        var headers = request.headers();
        if (!validJwt(headers.get("authorization"))) {
            return refusal(new Refusal(403, "InvalidProviderToken"));
        }
        String collapseId = headers.get("apns-collapse-id", "");
        if (collapseId.getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            return refusal(new Refusal(400, "BadCollapseId"));
        }
        String token = ctx.mappedPath().replaceFirst("^/", "");
        String apnsId = headers.get("apns-id");
        Refusal refusal = refusals.get(token);
        received.add(new Received(token, headers.get("apns-topic"), apnsId, collapseId, headers.get("apns-push-type"),
                request.contentUtf8(), refusal == null ? 200 : refusal.status()));
        if (refusal != null) {
            return refusal(refusal);
        }
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).add("apns-id", apnsId).build());
    }

    private boolean validJwt(String authorization) {
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("bearer ".length()));
            return JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    && signedByTeam(jwt)
                    && keyId.equals(jwt.getHeader().getKeyID())
                    && teamId.equals(jwt.getJWTClaimsSet().getIssuer())
                    && jwt.getJWTClaimsSet().getIssueTime() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * ES256 over {@code header.payload}. APNs takes the signature in JWS's raw form (64 bytes) and in the DER form
     * Java's {@code SHA256withECDSA} gives, which Pushy sends; so does this server.
     */
    private boolean signedByTeam(SignedJWT jwt) throws GeneralSecurityException {
        byte[] signature = jwt.getSignature().decode();
        Signature ecdsa = Signature.getInstance(
                signature.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
        ecdsa.initVerify(teamKey);
        ecdsa.update(jwt.getSigningInput());
        return ecdsa.verify(signature);
    }

    private static HttpResponse refusal(Refusal refusal) {
        String timestamp = refusal.status() == 410 ? ", \"timestamp\": 1764806400000" : "";
        return HttpResponse.of(HttpStatus.valueOf(refusal.status()), MediaType.JSON_UTF_8,
                "{\"reason\": \"" + refusal.reason() + "\"" + timestamp + "}");
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
