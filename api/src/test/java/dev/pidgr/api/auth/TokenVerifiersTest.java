package dev.pidgr.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pidgr.api.support.RawTokens;
import dev.pidgr.api.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifiersTest {

    @TempDir
    Path dir;

    private static JWTClaimsSet claims(String issuer, String audience) {
        return RawTokens.claims("u1", "org-1", Duration.ofMinutes(5), "VIEW_TEMPLATES", "SOMETHING_NEW")
                .issuer(issuer).audience(audience).build();
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        return RawTokens.sign(
                claims,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new RSASSASigner(key));
    }

    private JwksTokenVerifier verifier(Path jwks) {
        return JwksTokenVerifier.builder().jwksFile(jwks).issuer("https://issuer").audience("pidgr")
                .minRefreshInterval(Duration.ZERO).build();
    }

    private Path write(JWKSet set) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, set.toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldRefuseAShortSecretSayingWhy() {
        assertThatThrownBy(() -> HmacTokenVerifier.of("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageContaining("has 5");
    }

    @Test
    void shouldAcceptTheDevTokensItIssues() throws Exception {
        String token = new DevTokens(TestTokens.SECRET, Clock.systemUTC()).issueAdmin("admin", "org-9");
        Caller caller = HmacTokenVerifier.of(TestTokens.SECRET).verify(token);
        assertThat(caller.userId()).isEqualTo("admin");
        assertThat(caller.organizationId()).isEqualTo("org-9");
        assertThat(caller.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void shouldRefuseAnIdLongerThan200Characters() {
        String token = RawTokens.hs256(RawTokens.claims("u".repeat(201), "org", Duration.ofMinutes(1)).build());
        assertThatThrownBy(() -> TestTokens.verifier().verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("sub");
    }

    @Test
    void shouldGiveTheCallerAGeneralReasonAndKeepTheDetailForTheLog() {
        String expired = RawTokens.hs256(RawTokens.claims("u1", "org", Duration.ofMinutes(-2)).build());
        String forged = RawTokens.sign(RawTokens.claims("u1", "org", Duration.ofMinutes(1)).build(), JWSAlgorithm.HS256,
                "another-secret-that-is-also-long-enough".getBytes(StandardCharsets.UTF_8));

        InvalidTokenException late = catchThrowableOfType(
                InvalidTokenException.class, () -> TestTokens.verifier().verify(expired));
        InvalidTokenException bad = catchThrowableOfType(
                InvalidTokenException.class, () -> TestTokens.verifier().verify(forged));
        InvalidTokenException garbage = catchThrowableOfType(
                InvalidTokenException.class, () -> TestTokens.verifier().verify("x.y.z"));

        assertThat(late.publicMessage()).isEqualTo("token expired");
        assertThat(late.getMessage()).isEqualTo("Expired JWT");
        assertThat(bad.publicMessage()).isEqualTo("invalid token");
        assertThat(bad.getMessage()).contains("Invalid signature");
        assertThat(garbage.publicMessage()).isEqualTo("invalid token");
    }

    @Test
    void shouldRequireTheIssuerAndAudienceOfAnHs256VerifierThatHasThem() throws Exception {
        HmacTokenVerifier verifier = HmacTokenVerifier.of(TestTokens.SECRET, "https://issuer", "pidgr");
        Clock clock = Clock.systemUTC();

        String plain = new DevTokens(TestTokens.SECRET, clock).issue("u1", "org-1", List.of(), Duration.ofMinutes(5));
        String otherAudience = new DevTokens(TestTokens.SECRET, clock, "https://issuer", "other")
                .issue("u1", "org-1", List.of(), Duration.ofMinutes(5));
        String both = new DevTokens(TestTokens.SECRET, clock, "https://issuer", "pidgr")
                .issue("u1", "org-1", List.of(), Duration.ofMinutes(5));

        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(plain)).publicMessage())
                .isEqualTo("invalid token");
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(otherAudience))
                        .publicMessage())
                .isEqualTo("invalid token");
        assertThat(verifier.verify(both).userId()).isEqualTo("u1");
    }

    @Test
    void shouldAcceptDevTokensWithIssuerAndAudienceWhereAJwksAlsoAcceptsHs256() throws Exception {
        Path jwks = write(new JWKSet(new RSAKeyGenerator(2048).keyID("rsa-1").generate()));
        JwksTokenVerifier verifier = JwksTokenVerifier.builder()
                .jwksFile(jwks)
                .issuer("https://issuer")
                .audience("pidgr")
                .allowHs256(TestTokens.SECRET)
                .build();
        DevTokens tokens = new DevTokens(TestTokens.SECRET, Clock.systemUTC(), "https://issuer", "pidgr");

        assertThat(verifier.verify(tokens.issueAdmin("admin", "org-1")).permissions())
                .containsExactlyInAnyOrder(Permission.values());
        String withoutThem = new DevTokens(TestTokens.SECRET, Clock.systemUTC()).issueAdmin("admin", "org-1");
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(withoutThem))
                        .publicMessage())
                .isEqualTo("invalid token");
    }

    @Test
    void shouldVerifyRs256AndEs256AgainstAJwksFileIgnoringUnknownPermissions() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        JwksTokenVerifier verifier = verifier(write(new JWKSet(List.of(rsa, ec))));
        assertThat(verifier.verify(rs256(rsa, claims("https://issuer", "pidgr")))
                        .permissions())
                .containsExactly(Permission.VIEW_TEMPLATES);
        String es256 = RawTokens.sign(claims("https://issuer", "pidgr"),
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), new ECDSASigner(ec));
        assertThat(verifier.verify(es256).userId()).isEqualTo("u1");
    }

    @Test
    void shouldCheckIssuerAndAudience() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        JwksTokenVerifier verifier = verifier(write(new JWKSet(rsa)));
        assertThatThrownBy(() -> verifier.verify(rs256(rsa, claims("https://evil", "pidgr"))))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(rs256(rsa, claims("https://issuer", "other"))))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldAcceptHs256OnlyWhenConfigured() throws Exception {
        Path jwks = write(new JWKSet(new RSAKeyGenerator(2048).keyID("rsa-1").generate()));
        String hs256 = RawTokens.hs256(claims("https://issuer", "pidgr"));
        assertThatThrownBy(() -> verifier(jwks).verify(hs256)).isInstanceOf(InvalidTokenException.class);
        JwksTokenVerifier withHmac = JwksTokenVerifier.builder()
                .jwksFile(jwks)
                .issuer("https://issuer")
                .audience("pidgr")
                .allowHs256(TestTokens.SECRET)
                .build();
        assertThat(withHmac.verify(hs256).organizationId()).isEqualTo("org-1");
    }

    @Test
    void shouldFetchTheKeysAgainForAnUnknownKeyId() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = write(new JWKSet(first));
        JwksTokenVerifier verifier = verifier(jwks);
        assertThat(verifier.verify(rs256(first, claims("https://issuer", "pidgr"))).userId()).isEqualTo("u1");
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        write(new JWKSet(List.of(first, rotated)));
        assertThat(verifier.verify(rs256(rotated, claims("https://issuer", "pidgr"))).userId()).isEqualTo("u1");
    }

    @Test
    void shouldSayUnavailableWhenTheKeysCannotBeLoaded() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JwksTokenVerifier verifier = verifier(dir.resolve("missing.json"));
        assertThatThrownBy(() -> verifier.verify(rs256(key, claims("https://issuer", "pidgr"))))
                .isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void shouldListEveryMethodOfOurServicesInThePermissionTable() {
        for (var service : List.of(
                dev.pidgr.api.v1.CampaignServiceGrpc.getServiceDescriptor(),
                dev.pidgr.api.v1.TemplateServiceGrpc.getServiceDescriptor(),
                dev.pidgr.api.v1.InboxServiceGrpc.getServiceDescriptor(),
                dev.pidgr.api.v1.ActionServiceGrpc.getServiceDescriptor(),
                dev.pidgr.api.v1.DeviceServiceGrpc.getServiceDescriptor())) {
            for (var method : service.getMethods()) {
                assertThat(MethodPermissions.of(method.getFullMethodName())).as(method.getFullMethodName()).isPresent();
            }
        }
    }

    @Test
    void shouldLetARecipientWithoutPermissionsCallEveryDeviceMethod() {
        Caller recipient = new Caller("u", "o", java.util.Set.of());
        for (var method : dev.pidgr.api.v1.DeviceServiceGrpc.getServiceDescriptor().getMethods()) {
            assertThat(MethodPermissions.of(method.getFullMethodName()).orElseThrow().allows(recipient))
                    .as(method.getFullMethodName()).isTrue();
        }
    }

    @Test
    void shouldLetManageImplyViewButNotTheOtherWay() {
        Caller manager = new Caller("u", "o", java.util.Set.of(Permission.MANAGE_CAMPAIGNS));
        assertThat(manager.has(Permission.VIEW_CAMPAIGNS)).isTrue();
        assertThat(manager.has(Permission.VIEW_TEMPLATES)).isFalse();
        assertThat(new Caller("u", "o", java.util.Set.of(Permission.VIEW_CAMPAIGNS)).has(Permission.MANAGE_CAMPAIGNS))
                .isFalse();
    }
}
