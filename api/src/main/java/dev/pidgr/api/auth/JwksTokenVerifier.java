package dev.pidgr.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Production tokens: RS256 or ES256, verified against a JWKS (URL or file) with the configured
 * issuer and audience. The key set is cached, fetched again when a token names an unknown key id
 * (key rotation), and such refreshes are rate-limited so forged key ids cannot hammer the source.
 * HS256 is accepted only when a secret is explicitly configured.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final NimbusTokenVerifier delegate;

    private JwksTokenVerifier(JWSKeySelector<SecurityContext> keys, String issuer, String audience) {
        delegate = new NimbusTokenVerifier(keys, issuer, audience);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Caller verify(String token) throws InvalidTokenException {
        return delegate.verify(token);
    }

    /** Configures a {@link JwksTokenVerifier}; a JWKS source, an issuer and an audience are required. */
    public static final class Builder {
        private URL url;
        private ResourceRetriever retriever;
        private String issuer;
        private String audience;
        private byte[] hmacSecret;
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration minRefreshInterval = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Fetch the key set over HTTPS (or HTTP) from this URL. */
        public Builder jwksUrl(URL jwksUrl) {
            this.url = Objects.requireNonNull(jwksUrl);
            this.retriever = null;
            return this;
        }

        /** Read the key set from a file; replacing the file rotates keys like a URL would. */
        public Builder jwksFile(Path file) {
            try {
                this.url = file.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a usable path: " + file, e);
            }
            this.retriever = new FileRetriever(file);
            return this;
        }

        public Builder issuer(String expectedIssuer) {
            this.issuer = Objects.requireNonNull(expectedIssuer);
            return this;
        }

        public Builder audience(String expectedAudience) {
            this.audience = Objects.requireNonNull(expectedAudience);
            return this;
        }

        /** Also accept HS256 tokens signed with this secret (at least 32 bytes). Off unless called. */
        public Builder allowHs256(byte[] secret) {
            HmacTokenVerifier.requireStrong(secret);
            this.hmacSecret = secret.clone();
            return this;
        }

        /** How long a fetched key set is used before it is fetched again (default 5 minutes). */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        /** The least time between two fetches caused by unknown key ids (default 30 s). */
        public Builder minRefreshInterval(Duration interval) {
            this.minRefreshInterval = interval;
            return this;
        }

        public JwksTokenVerifier build() {
            if (url == null || issuer == null || audience == null) {
                throw new IllegalStateException("a JWKS URL or file, an issuer and an audience are required");
            }
            JWKSourceBuilder<SecurityContext> source = retriever == null
                    ? JWKSourceBuilder.create(url) : JWKSourceBuilder.create(url, retriever);
            JWKSource<SecurityContext> jwks = source
                    .cache(cacheTtl.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .rateLimited(minRefreshInterval.toMillis())
                    .retrying(false)
                    .build();
            JWSKeySelector<SecurityContext> keys = new JWSVerificationKeySelector<>(ASYMMETRIC, jwks);
            if (hmacSecret != null) {
                keys = new WithHs256(keys, new JWSVerificationKeySelector<>(
                        JWSAlgorithm.HS256, new ImmutableSecret<SecurityContext>(hmacSecret)));
            }
            return new JwksTokenVerifier(keys, issuer, audience);
        }
    }

    /** Picks the HS256 secret for HS256 tokens and the key set for everything else. */
    private record WithHs256(JWSKeySelector<SecurityContext> asymmetric, JWSKeySelector<SecurityContext> hmac)
            implements JWSKeySelector<SecurityContext> {

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            return JWSAlgorithm.HS256.equals(header.getAlgorithm())
                    ? hmac.selectJWSKeys(header, context) : asymmetric.selectJWSKeys(header, context);
        }
    }

    /** Reads a local JWKS file (nimbus's default retriever only speaks HTTP). */
    private record FileRetriever(Path file) implements ResourceRetriever {

        @Override
        public Resource retrieveResource(URL ignored) throws IOException {
            return new Resource(Files.readString(file, StandardCharsets.UTF_8), "application/json");
        }
    }
}
