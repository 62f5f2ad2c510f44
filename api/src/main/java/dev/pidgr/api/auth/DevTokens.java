package dev.pidgr.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Issues HS256 tokens signed with the dev secret: what {@code pidgr dev} prints and
 * {@code pidgr token} makes. They carry {@code sub}, {@code org_id}, {@code permissions}, {@code iat}
 * and {@code exp} (and {@code iss}, {@code aud} when given); {@link HmacTokenVerifier} with the same
 * secret accepts them.
 */
public final class DevTokens {

    /** How long the token printed by {@code pidgr dev} is valid. */
    public static final Duration DEV_TOKEN_VALIDITY = Duration.ofDays(7);

    private final MACSigner signer;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    /** @throws IllegalArgumentException when the secret is shorter than 32 bytes */
    public DevTokens(byte[] secret, Clock clock) {
        this(secret, clock, null, null);
    }

    /**
     * Tokens that also carry {@code iss} and {@code aud} (each only when not null), for a verifier
     * that requires them ({@code serve} with {@code --jwt-issuer} and {@code --jwt-audience}).
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public DevTokens(byte[] secret, Clock clock, String issuer, String audience) {
        HmacTokenVerifier.requireStrong(secret);
        this.issuer = issuer;
        this.audience = audience;
        try {
            this.signer = new MACSigner(secret.clone());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret", e);
        }
        this.clock = clock;
    }

    /**
     * A token for {@code userId} of {@code organizationId} with these permissions (empty: a recipient), valid for
     * {@code validity}.
     */
    public String issue(String userId, String organizationId, Collection<Permission> permissions, Duration validity) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("org_id", organizationId)
                .claim("permissions", permissions.stream().map(Permission::name).sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .issuer(issuer)
                .audience(audience)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** A token with every permission, valid for {@link #DEV_TOKEN_VALIDITY}. */
    public String issueAdmin(String userId, String organizationId) {
        return issue(userId, organizationId, List.of(Permission.values()), DEV_TOKEN_VALIDITY);
    }
}
