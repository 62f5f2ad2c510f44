package dev.pidgr.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pidgr.api.support.MutableClock;
import dev.pidgr.api.support.RawTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JWKS key set: unknown key ids are the caller's problem (UNAUTHENTICATED), never a reason to
 * hammer the key source or to answer UNAVAILABLE; an outage of the source is ridden out on the last
 * good key set up to a maximum staleness; only without any usable key set are calls UNAVAILABLE.
 */
class JwksTokenVerifierTest {

    private static RSAKey first;
    private static RSAKey second;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @BeforeAll
    static void keys() throws Exception {
        first = new RSAKeyGenerator(2048).keyID("k1").generate();
        second = new RSAKeyGenerator(2048).keyID("k2").generate();
    }

    private static String token(RSAKey key) throws Exception {
        JWTClaimsSet claims = RawTokens.claims("u1", "org-1", Duration.ofDays(2), "VIEW_CAMPAIGNS")
                .issuer("https://issuer").audience("pidgr").build();
        return RawTokens.sign(
                claims,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new RSASSASigner(key));
    }

    private Path jwks(RSAKey... keys) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(List.of(keys)).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        return file;
    }

    private JwksTokenVerifier verifier(Path file) {
        return JwksTokenVerifier.builder()
                .jwksFile(file)
                .issuer("https://issuer")
                .audience("pidgr")
                .clock(clock)
                .build();
    }

    @Test
    void shouldRefuseAnUnknownKeyIdAsAnInvalidTokenWhileRefreshesAreRateLimited() throws Exception {
        JwksTokenVerifier verifier = verifier(jwks(first));
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");

        for (int i = 0; i < 20; i++) {
            InvalidTokenException refused =
                    catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token(second)));
            assertThat(refused.reason()).isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY);
            assertThat(refused.publicMessage()).isEqualTo("unknown signing key");
        }
    }

    @Test
    void shouldFetchTheKeySetForAnUnknownKeyIdAtMostOncePerInterval() throws Exception {
        Path file = jwks(first);
        JwksTokenVerifier verifier = verifier(file);
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");
        clock.advance(Duration.ofSeconds(31));
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token(second))).reason())
                .isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY); // fetched now: k2 is not published yet

        jwks(first, second); // the key is rotated in
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token(second))).reason())
                .as("within 30 s of the last fetch the set is not fetched again")
                .isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY);
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(token(second)).userId()).isEqualTo("u1");
    }

    @Test
    void shouldKeepVerifyingWithTheLastKeySetWhileTheSourceIsDown() throws Exception {
        Path file = jwks(first);
        JwksTokenVerifier verifier = verifier(file);
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");

        Files.delete(file);
        clock.advance(Duration.ofMinutes(30)); // the 5-minute cache expired long ago; refreshes fail

        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token(second))).reason())
                .isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY);
    }

    @Test
    void shouldStopTrustingTheLastKeySetAfterTheMaximumStaleness() throws Exception {
        Path file = jwks(first);
        JwksTokenVerifier verifier = verifier(file);
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");

        Files.delete(file);
        clock.advance(JwksTokenVerifier.DEFAULT_MAX_STALENESS);

        assertThatThrownBy(() -> verifier.verify(token(first))).isInstanceOf(KeysUnavailableException.class);
        jwks(first); // the source is back
        clock.advance(Duration.ofSeconds(5));
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");
    }

    @Test
    void shouldBeUnavailableOnlyUntilAKeySetWasLoaded() throws Exception {
        Path file = dir.resolve("jwks.json");
        JwksTokenVerifier verifier = verifier(file);

        assertThatThrownBy(() -> verifier.verify(token(first))).isInstanceOf(KeysUnavailableException.class);
        jwks(first);
        clock.advance(Duration.ofSeconds(5));
        assertThat(verifier.verify(token(first)).userId()).isEqualTo("u1");
    }

    @Test
    void shouldRefuseAJwksUrlWithoutTls() throws Exception {
        JwksTokenVerifier.Builder builder = JwksTokenVerifier.builder();
        assertThatThrownBy(() -> builder.jwksUrl(URI.create("http://id.example.com/jwks.json").toURL()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://");
        builder.jwksUrl(URI.create("https://id.example.com/jwks.json").toURL());
    }
}
