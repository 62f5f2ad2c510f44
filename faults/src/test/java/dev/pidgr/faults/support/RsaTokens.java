package dev.pidgr.faults.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pidgr.api.auth.Permission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An identity provider for a production-shaped deployment: an RSA key whose public half is
 * published as a JWKS file ({@code PIDGR_JWKS}), RS256 tokens with issuer and audience signed by
 * it, and, for attacks, tokens naming key ids the provider never had.
 */
public final class RsaTokens {

    public static final String ISSUER = "https://id.faults.pidgr.test/";
    public static final String AUDIENCE = "pidgr-faults";

    private final RSAKey key;
    private final RSAKey stranger;

    public RsaTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("faults-1").generate();
            stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key set to {@code file} and returns its path. */
    public String writeJwks(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid token for {@code userId} in {@code organization} with {@code permissions}, for two hours. */
    public String token(String userId, String organization, Collection<Permission> permissions) {
        return sign(key, key.getKeyID(), userId, organization, permissions);
    }

    /** Every permission in {@code organization}. */
    public String admin(String organization) {
        return token("admin", organization, List.of(Permission.values()));
    }

    /** A well-formed token whose key id ({@code kid}) is made up, signed by a key the provider never published. */
    public String withRandomKeyId(String organization) {
        return sign(stranger, "kid-" + UUID.randomUUID(), "intruder", organization, List.of(Permission.values()));
    }

    private static String sign(
            RSAKey signer, String keyId, String userId, String organization, Collection<Permission> permissions) {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).issuer(ISSUER).audience(AUDIENCE)
                .claim("org_id", organization).claim("permissions", permissions.stream().map(Enum::name).toList())
                .issueTime(new Date(now)).expirationTime(new Date(now + 2 * 3600_000L)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
