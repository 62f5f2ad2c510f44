package dev.pidgr.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Hand-made tokens, good and bad, for the authentication tests. */
public final class RawTokens {

    private RawTokens() {
    }

    public static JWTClaimsSet.Builder claims(String sub, String org, Duration expiresIn, String... permissions) {
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .claim("org_id", org)
                .claim("permissions", List.of(permissions))
                .expirationTime(Date.from(Instant.now().plus(expiresIn)));
    }

    public static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, byte[] secret) {
        try {
            return sign(claims, new JWSHeader(algorithm), new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWTClaimsSet claims, JWSHeader header, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static String hs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.HS256, TestTokens.SECRET);
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
