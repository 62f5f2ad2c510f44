package dev.pidgr.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.InvalidTokenException;
import dev.pidgr.api.auth.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The api's verifier from serve's settings: issuer and audience are enforced whenever they are given. */
class TokenVerifiersTest {

    private static final byte[] SECRET =
            "a-serve-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldEnforceTheIssuerAndAudienceOfAnHs256OnlyApi() throws Exception {
        TokenVerifier verifier = TokenVerifiers.of(new NodeSettings.Auth(SECRET, null, "https://issuer", "pidgr"));

        String plain = new DevTokens(SECRET, Clock.systemUTC()).issue("u1", "org-1", List.of(), Duration.ofMinutes(5));
        String matching = new DevTokens(SECRET, Clock.systemUTC(), "https://issuer", "pidgr")
                .issue("u1", "org-1", List.of(), Duration.ofMinutes(5));

        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(plain))).isNotNull();
        assertThat(verifier.verify(matching).userId()).isEqualTo("u1");
    }

    @Test
    void shouldRefuseAJwksUrlWithoutTls() {
        assertThatThrownBy(
                        () -> new NodeSettings.Auth(null, "http://id.example.com/jwks.json", "https://issuer", "pidgr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--jwks (PIDGR_JWKS) must be an https:// URL or a file, not http://id.example.com/jwks.json");
    }
}
