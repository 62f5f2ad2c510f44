package dev.pidgr.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Production tokens: RS256 or ES256, verified against a JWKS (an https URL or a file) with the
 * configured issuer and audience. The key set is cached, loaded again when a token names an unknown
 * key id (key rotation) at most once per interval, and kept in use through an outage of its source
 * up to a maximum staleness ({@link JwksKeys}). HS256 is accepted only when a secret is explicitly
 * configured, with the same issuer and audience rules.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** How long the last good key set stays in use while its source cannot be read. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofHours(1);
    /** Fetching a JWKS URL: connect and read timeouts, and the largest key set accepted. */
    static final int HTTP_TIMEOUT_MS = 1_000;
    static final int HTTP_SIZE_LIMIT = 50 * 1024;

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
        private JwksKeys.Loader loader;
        private String source;
        private String issuer;
        private String audience;
        private byte[] hmacSecret;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private Duration minRefreshInterval = DEFAULT_MIN_REFRESH_INTERVAL;
        private Duration maxStaleness = DEFAULT_MAX_STALENESS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Fetch the key set from this https URL.
         *
         * @throws IllegalArgumentException for any other scheme: keys fetched over plain HTTP could be
         *                                  replaced on the way, and with them every token accepted
         */
        public Builder jwksUrl(URL jwksUrl) {
            if (!"https".equals(jwksUrl.getProtocol().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the JWKS URL must be https:// (or give a file): " + jwksUrl);
            }
            DefaultResourceRetriever retriever =
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, HTTP_SIZE_LIMIT);
            this.loader = () -> JWKSet.parse(retriever.retrieveResource(jwksUrl).getContent());
            this.source = jwksUrl.toString();
            return this;
        }

        /** Read the key set from a file; replacing the file rotates keys like a URL would. */
        public Builder jwksFile(Path file) {
            this.loader = () -> JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            this.source = file.toString();
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

        /** How long a loaded key set is used before it is loaded again (default 5 minutes). */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        /** The least time between two loads of the key set, whatever causes them (default 30 s). */
        public Builder minRefreshInterval(Duration interval) {
            this.minRefreshInterval = interval;
            return this;
        }

        /** How long the last good key set stays in use while loading fails (default 1 hour). */
        public Builder maxStaleness(Duration staleness) {
            this.maxStaleness = staleness;
            return this;
        }

        /** The clock of the key set's ages (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public JwksTokenVerifier build() {
            if (loader == null || issuer == null || audience == null) {
                throw new IllegalStateException("a JWKS URL or file, an issuer and an audience are required");
            }
            JwksKeys jwks = new JwksKeys(loader, source, cacheTtl, minRefreshInterval, maxStaleness, clock);
            JWSKeySelector<SecurityContext> keys = new KnownKeys(new JWSVerificationKeySelector<>(ASYMMETRIC, jwks));
            if (hmacSecret != null) {
                keys = new WithHs256(keys, new JWSVerificationKeySelector<>(
                        JWSAlgorithm.HS256, new ImmutableSecret<SecurityContext>(hmacSecret)));
            }
            return new JwksTokenVerifier(keys, issuer, audience);
        }
    }

    /** Says so when a token of an accepted algorithm names a key the set does not have. */
    private record KnownKeys(JWSVerificationKeySelector<SecurityContext> keys)
            implements JWSKeySelector<SecurityContext> {

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            List<? extends Key> found = keys.selectJWSKeys(header, context);
            if (found.isEmpty() && keys.isAllowed(header.getAlgorithm())) {
                throw new UnknownSigningKeyException(header.getKeyID());
            }
            return found;
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
}
