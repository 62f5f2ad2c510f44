package dev.pidgr.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.pidgr.api.auth.InvalidTokenException.Reason;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place tokens are checked, whatever the keys: signature (by the key selector, which also
 * fixes the accepted algorithms), {@code exp} required with 60 s of skew, issuer and audience when
 * configured, and our claims ({@code sub}, {@code org_id}, {@code permissions}). A refusal carries
 * a general reason for the client and the library's text as its detail, for the debug log.
 */
final class NimbusTokenVerifier implements TokenVerifier {

    static final int CLOCK_SKEW_SECONDS = 60;
    static final int MAX_ID_LENGTH = 200;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    NimbusTokenVerifier(JWSKeySelector<SecurityContext> keySelector, String issuer, String audience) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null) {
            exact.issuer(issuer);
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience == null ? null : Set.of(audience), exact.build(), Set.of("sub", "org_id", "exp"), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public Caller verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException(Reason.INVALID, "malformed token: " + e.getMessage());
        } catch (UnknownSigningKeyException e) {
            throw new InvalidTokenException(Reason.UNKNOWN_KEY, e.getMessage());
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException(Reason.EXPIRED, e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(Reason.INVALID, e.getMessage());
        }
        return caller(claims);
    }

    private static Caller caller(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            String sub = id(claims.getSubject(), "sub");
            String org = id(claims.getStringClaim("org_id"), "org_id");
            List<String> names = claims.getStringListClaim("permissions");
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            if (names != null) {
                for (String name : names) {
                    Permission.fromClaim(name).ifPresent(permissions::add);
                }
            }
            return new Caller(sub, org, permissions);
        } catch (ParseException e) {
            throw new InvalidTokenException(Reason.INVALID, "malformed claims: " + e.getMessage());
        }
    }

    private static String id(String value, String claim) throws InvalidTokenException {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            throw new InvalidTokenException(Reason.INVALID, claim + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }
}
