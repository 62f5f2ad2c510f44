package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pidgr.api.auth.JwksTokenVerifier;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.RawTokens;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.ListCampaignsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Anonymous callers with made-up key ids get UNAUTHENTICATED and leave no warning in the log. */
class JwksAuthenticationTest {

    @TempDir
    static Path dir;

    private static RSAKey key;
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = Files.writeString(
                dir.resolve("jwks.json"), new JWKSet(key).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        api = new ApiHarness(builder -> builder.tokenVerifier(JwksTokenVerifier.builder().jwksFile(jwks)
                .issuer("https://issuer").audience("pidgr").build()));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String token(String keyId) throws Exception {
        JWTClaimsSet claims = RawTokens.claims("u1", TestTokens.ORG, Duration.ofMinutes(5), "VIEW_CAMPAIGNS")
                .issuer("https://issuer").audience("pidgr").build();
        return RawTokens.sign(
                claims, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), new RSASSASigner(key));
    }

    private static Status listCampaignsWith(String token) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, token)
                        .listCampaigns(ListCampaignsRequest.getDefaultInstance()));
        return error == null ? Status.OK : error.getStatus();
    }

    @Test
    void shouldRefuseMadeUpKeyIdsAsUnauthenticatedWithoutAWarningEach() throws Exception {
        assertThat(listCampaignsWith(token("k1")).getCode()).isEqualTo(Status.Code.OK);
        Logger pidgr = (Logger) LoggerFactory.getLogger("dev.pidgr");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        pidgr.addAppender(log);
        List<Status> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(listCampaignsWith(token(UUID.randomUUID().toString())));
            }
        } finally {
            pidgr.detachAppender(log);
        }

        assertThat(answers).extracting(Status::getCode).containsOnly(Status.Code.UNAUTHENTICATED);
        assertThat(answers).extracting(Status::getDescription).containsOnly("unknown signing key");
        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }
}
