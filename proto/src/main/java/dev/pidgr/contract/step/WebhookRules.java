package dev.pidgr.contract.step;

import static dev.pidgr.contract.step.StepText.step;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Text;
import dev.pidgr.contract.WebhookAddresses;
import dev.pidgr.contract.WebhookHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CALL_WEBHOOK config rules. The URL must be absolute http(s) with a host and no user info; only
 * https, and literal hosts only when {@link WebhookAddresses#refusalForHost} allows them, unless the
 * deployment allows insecure webhooks (dev mode). Host names are not resolved here: the dispatcher
 * resolves and checks them before every call.
 */
final class WebhookRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_HEADERS = 20;

    private WebhookRules() {
    }

    static void check(WorkflowStep s, String path, Deployment deployment, Problems out) {
        CallWebhookConfig c = s.getCallWebhook();
        if (Text.length(c.getName()) > 200) {
            out.add(path + ".name", step(s) + "name must be at most 200 characters");
        }
        urlProblem(c.getUrl(), deployment.allowInsecureWebhooks()).ifPresent(p -> out.add(path + ".url", step(s) + p));
        if (c.getHeadersCount() > MAX_HEADERS) {
            out.add(path + ".headers", step(s) + "at most " + MAX_HEADERS + " headers are allowed");
        }
        for (Map.Entry<String, String> h : c.getHeadersMap().entrySet()) {
            headerProblem(h.getKey(), h.getValue())
                    .ifPresent(p -> out.add(path + ".headers[" + h.getKey() + "]", step(s) + p));
        }
    }

    private static Optional<String> urlProblem(String url, boolean allowInsecure) {
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
            return Optional.of("url " + Text.quote(url) + " has no valid host"
                    + numericHostNote(uri.getRawAuthority()));
        }
        Optional<String> malformed = WebhookAddresses.malformedHost(uri.getHost());
        if (malformed.isPresent()) {
            return Optional.of("url " + Text.quote(url) + " has no valid host: " + malformed.get());
        }
        if (allowInsecure) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("url must use https (plain http is allowed only when the deployment allows insecure"
                    + " webhooks)");
        }
        String host = uri.getHost();
        return WebhookAddresses.refusalForHost(host).map(reason -> "url host " + host + " is refused: " + reason);
    }

    /**
     * java.net.URI finds no host in "https://1.2.3.4.5/" (a top label may not start with a digit):
     * say why when the authority is made of digits and dots.
     */
    private static String numericHostNote(String authority) {
        if (authority == null) {
            return "";
        }
        String host = authority.replaceFirst(":[0-9]*$", "");
        return WebhookAddresses.malformedHost(host).map(m -> ": " + m).orElse("");
    }

    private static Optional<String> headerProblem(String name, String value) {
        if (name.isEmpty() || Text.length(name) > 200 || !WebhookHeaders.isToken(name)) {
            return Optional.of("header name " + Text.quote(name)
                    + " is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only) of at most 200"
                    + " characters");
        }
        if (WebhookHeaders.isReserved(name)) {
            return Optional.of("header " + name + " is set by pidgr itself and cannot be overridden");
        }
        if (Text.length(value) > 2000) {
            return Optional.of("header " + name + " has a value longer than 2000 characters");
        }
        Optional<String> unsendable = WebhookHeaders.unsendableValue(name, value);
        if (unsendable.isPresent()) {
            return unsendable;
        }
        if (WebhookHeaders.hasOuterWhitespace(value)) {
            return Optional.of("header " + name
                    + " has a value that starts or ends with a space or tab (HTTP would drop it)");
        }
        return Optional.empty();
    }
}
