package dev.pidgr.gateway.apns;

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
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local APNs (Apple's "Sending notification requests to APNs"), HTTP/2 over TLS: {@code POST /3/device/<token>}
 * with {@code authorization: bearer <JWT>} signed ES256 by the team's key, {@code apns-topic}, {@code apns-id},
 * {@code apns-push-type}. It checks the JWT's signature with the key's public half, then answers by device token
 * as {@link #answers} says (200 with the {@code apns-id} otherwise), as APNs does: a JSON {@code reason}.
 */
final class ApnsServer implements AutoCloseable {

    /** One request as APNs saw it. */
    record Received(String token, String topic, String apnsId, String pushType, String payload) {}

    /** A refusal: the status and APNs' reason. */
    record Refusal(int status, String reason) {}

    private final Server server;
    private final ECPublicKey teamKey;
    private final String keyId;
    private final String teamId;
    private final Map<String, Refusal> answers;
    final List<Received> received = new CopyOnWriteArrayList<>();

    ApnsServer(KeyPair tls, X509Certificate certificate, ECPublicKey teamKey, String keyId, String teamId,
            Map<String, Refusal> answers) {
        this.teamKey = teamKey;
        this.keyId = keyId;
        this.teamId = teamId;
        this.answers = answers;
        this.server = Server.builder()
                .https(0)
                .tls(tls.getPrivate(), certificate)
                .service("prefix:/3/device/", new UnaryService())
                .build();
        server.start().join();
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

    int port() {
        return server.activeLocalPort();
    }

    private HttpResponse answer(ServiceRequestContext ctx, AggregatedHttpRequest request) {
        var headers = request.headers();
        if (!validJwt(headers.get("authorization"))) {
            return refuse(new Refusal(403, "InvalidProviderToken"));
        }
        String token = ctx.mappedPath().replaceFirst("^/", "");
        String apnsId = headers.get("apns-id");
        received.add(new Received(token, headers.get("apns-topic"), apnsId, headers.get("apns-push-type"),
                request.contentUtf8()));
        Refusal refusal = answers.get(token);
        if (refusal != null) {
            return refuse(refusal);
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
    private boolean signedByTeam(SignedJWT jwt) throws Exception {
        byte[] signature = jwt.getSignature().decode();
        Signature ecdsa = Signature.getInstance(
                signature.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
        ecdsa.initVerify(teamKey);
        ecdsa.update(jwt.getSigningInput());
        return ecdsa.verify(signature);
    }

    private static HttpResponse refuse(Refusal refusal) {
        String timestamp = refusal.status() == 410 ? ", \"timestamp\": 1764806400000" : "";
        return HttpResponse.of(HttpStatus.valueOf(refusal.status()), MediaType.JSON_UTF_8,
                "{\"reason\": \"" + refusal.reason() + "\"" + timestamp + "}");
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
