package dev.pidgr.api.console;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.file.FileService;

/**
 * The web console's files (plain HTML, CSS and ES modules in the jar, under
 * {@code dev/pidgr/api/console}), served at {@code /console/} with a strict Content-Security-Policy:
 * scripts, styles and calls from this origin only, no inline script or style, no framing. The
 * console holds no privilege: it calls the public API over Connect with the user's own token.
 */
public final class ConsoleFiles {

    /** Where the console lives. */
    public static final String PATH = "/console/";

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private ConsoleFiles() {
    }

    /** The files, with the security headers on every answer. */
    public static HttpService files() {
        return FileService.builder(ConsoleFiles.class.getClassLoader(), "dev/pidgr/api/console")
                .cacheControl("no-cache")
                .setHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                .setHeader("x-content-type-options", "nosniff")
                .setHeader("referrer-policy", "no-referrer")
                .setHeader("cross-origin-opener-policy", "same-origin")
                .build();
    }

    /** {@code /console} without its slash: to the console, so relative links resolve. */
    public static HttpService redirect() {
        return (ctx, req) -> HttpResponse.builder().status(HttpStatus.MOVED_PERMANENTLY)
                .header(HttpHeaderNames.LOCATION, PATH).build();
    }
}
