package dev.pidgr.app.run;

import dev.pidgr.api.auth.HmacTokenVerifier;
import dev.pidgr.api.auth.JwksTokenVerifier;
import dev.pidgr.api.auth.TokenVerifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The api's token verifier from {@link NodeSettings.Auth}: a JWKS (https URL or file) with issuer and
 * audience, also accepting HS256 when a secret is given; or HS256 alone, with the issuer and audience
 * required when given. Either way a token passes the same rules.
 */
final class TokenVerifiers {

    private TokenVerifiers() {
    }

    static TokenVerifier of(NodeSettings.Auth auth) {
        if (auth.jwksLocation() == null) {
            return HmacTokenVerifier.of(auth.hs256Secret(), auth.issuer(), auth.audience());
        }
        JwksTokenVerifier.Builder jwks = JwksTokenVerifier.builder().issuer(auth.issuer()).audience(auth.audience());
        String location = auth.jwksLocation();
        try {
            jwks = NodeSettings.Auth.isHttps(location)
                    ? jwks.jwksUrl(URI.create(location).toURL())
                    : jwks.jwksFile(Path.of(location));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid JWKS URL: " + location, e);
        }
        if (auth.hs256Secret() != null) {
            jwks = jwks.allowHs256(auth.hs256Secret());
        }
        return jwks.build();
    }
}
