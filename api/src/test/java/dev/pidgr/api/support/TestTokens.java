package dev.pidgr.api.support;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.HmacTokenVerifier;
import dev.pidgr.api.auth.Permission;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** HS256 tokens for tests, signed with a fixed 32+ byte secret. */
public final class TestTokens {

    public static final byte[] SECRET = "a-test-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);
    public static final String ORG = "org-1";
    public static final String OTHER_ORG = "org-2";

    private static final DevTokens TOKENS = new DevTokens(SECRET, Clock.systemUTC());

    private TestTokens() {
    }

    public static HmacTokenVerifier verifier() {
        return HmacTokenVerifier.of(SECRET);
    }

    public static String token(String user, String org, Permission... permissions) {
        return TOKENS.issue(user, org, List.of(permissions), Duration.ofMinutes(10));
    }

    public static String admin() {
        return token("admin", ORG, Permission.values());
    }
}
