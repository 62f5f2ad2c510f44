package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    private final PageTokens tokens =
            new PageTokens("a server key of at least 32 bytes".getBytes(StandardCharsets.UTF_8));
    private final PageTokens.Cursor cursor =
            new PageTokens.Cursor("campaigns", "org-a", "", 1_764_489_600_123_456L, "c-42");

    @Test
    void shouldGiveBackTheCursorItEncoded() {
        String token = tokens.encode(cursor);

        assertThat(tokens.decode(token, "campaigns", "org-a", "")).isEqualTo(cursor);
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldRefuseATokenOfAnotherOrganization() {
        String token = tokens.encode(cursor);

        assertThatThrownBy(() -> tokens.decode(token, "campaigns", "org-b", ""))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldRefuseATokenOfAnotherQuery() {
        String token = tokens.encode(new PageTokens.Cursor("deliveries", "org-a", "c-1/0", 0, "u1"));

        assertThatThrownBy(() -> tokens.decode(token, "campaigns", "org-a", ""))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> tokens.decode(token, "deliveries", "org-a", "c-1/4"))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> tokens.decode(token, "deliveries", "org-a", "c-2/0"))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldRefuseATokenWhosePayloadWasAltered() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.encode(cursor));
        raw[5] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThatThrownBy(() -> tokens.decode(forged, "campaigns", "org-a", ""))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKey() {
        String foreign =
                new PageTokens("another key, also long enough....".getBytes(StandardCharsets.UTF_8)).encode(cursor);

        assertThatThrownBy(() -> tokens.decode(foreign, "campaigns", "org-a", ""))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldRefuseGarbage() {
        for (String garbage : new String[] {"x", "%%%", "AAAA", "a".repeat(2000)}) {
            assertThatThrownBy(() -> tokens.decode(garbage, "campaigns", "org-a", ""))
                    .isInstanceOf(InvalidPageTokenException.class);
        }
    }
}
