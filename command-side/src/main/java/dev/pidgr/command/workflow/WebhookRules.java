package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.StepMessages.step;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.WebhookAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CALL_WEBHOOK config rules. The URL must be absolute http(s) with a host and no user info; only
 * https, and literal hosts only when {@link WebhookAddresses#refusalForHost} allows them, unless the
 * deployment allows insecure webhooks (dev mode). Host names are not resolved here: the dispatcher
 * resolves and checks them before every call.
 */
final class WebhookRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_HEADERS = 20;
    private static final Pattern DOTTED_QUAD = Pattern.compile("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    /** Headers the dispatcher sets itself: a step may not forge the signature or break the framing. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "transfer-encoding",
            "connection", "x-pidgr-timestamp", "x-pidgr-signature", "idempotency-key");

    private final boolean allowInsecure;

    WebhookRules(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    void check(WorkflowStep s, String path, List<Violation> out) {
        CallWebhookConfig c = s.getCallWebhook();
        if (Text.length(c.getName()) > 200) {
            out.add(new Violation(path + ".name", step(s) + "name must be at most 200 characters"));
        }
        urlProblem(c.getUrl()).ifPresent(p -> out.add(new Violation(path + ".url", step(s) + p)));
        if (c.getHeadersCount() > MAX_HEADERS) {
            out.add(new Violation(path + ".headers", step(s) + "at most " + MAX_HEADERS + " headers are allowed"));
        }
        for (Map.Entry<String, String> h : c.getHeadersMap().entrySet()) {
            headerProblem(h.getKey(), h.getValue())
                    .ifPresent(p -> out.add(new Violation(path + ".headers[" + h.getKey() + "]", step(s) + p)));
        }
    }

    Optional<String> urlProblem(String url) {
        if (url.isEmpty()) {
            return Optional.of("a CALL_WEBHOOK step needs a url");
        }
        if (Text.length(url) > MAX_URL_LENGTH) {
            return Optional.of("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url " + Text.quote(url) + " is not a well-formed URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("url " + Text.quote(url) + " must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url must not contain user info (credentials belong in headers)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("url " + Text.quote(url) + " has no valid host");
        }
        if (allowInsecure) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("url must use https (plain http is allowed only when the deployment allows insecure webhooks)");
        }
        String host = uri.getHost();
        if (!host.contains(":") && WebhookAddresses.isLiteral(host) && !DOTTED_QUAD.matcher(host).matches()) {
            // "127.1", "2130706433" or "0x7f.0.0.1" name loopback too; refusing them here also keeps this check free of DNS.
            return Optional.of("url host " + host + " is refused: write an IPv4 address as four decimal numbers (a.b.c.d)");
        }
        return WebhookAddresses.refusalForHost(host).map(reason -> "url host " + host + " is refused: " + reason);
    }

    private static Optional<String> headerProblem(String name, String value) {
        if (name.isEmpty() || Text.length(name) > 200 || !TOKEN.matcher(name).matches()) {
            return Optional.of("header name " + Text.quote(name) + " is not a valid HTTP header name of at most 200 characters");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("header " + name + " is set by pidgr itself and cannot be overridden");
        }
        if (Text.length(value) > 2000) {
            return Optional.of("header " + name + " has a value longer than 2000 characters");
        }
        if (value.chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
            return Optional.of("header " + name + " has a value with a line break or NUL");
        }
        return Optional.empty();
    }
}
