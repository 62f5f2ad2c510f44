package dev.pidgr.gateway.fcm;

import com.google.auth.Retryable;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.ConcurrencyLimit;
import dev.pidgr.gateway.push.Refusals;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to Android devices through FCM HTTP v1: an OAuth access token from the service account
 * (Google's auth library signs the RS256 assertion and refreshes the token before it expires), then one POST to
 * {@code <endpoint>/v1/projects/<project_id>/messages:send} per message with the JDK's HTTP client.
 */
public final class FcmSender implements ChannelSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FcmSender.class);
    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final ServiceAccountCredentials credentials;
    private final URI sendUri;
    private final Duration timeout;
    private final HttpClient http;
    private final ConcurrencyLimit limit;
    /** Token refreshes block on the token endpoint; they run here, off the caller's thread. */
    private final ExecutorService tokens = Executors.newVirtualThreadPerTaskExecutor();

    private FcmSender(ServiceAccountCredentials credentials, FcmSettings settings) {
        this.credentials = credentials;
        this.sendUri = URI.create(settings.endpoint().toString().replaceAll("/+$", "")
                + "/v1/projects/" + credentials.getProjectId() + "/messages:send");
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.limit = new ConcurrencyLimit(settings.concurrency());
    }

    /** Reads the service account's key; the first send fetches the first token. */
    public static FcmSender start(FcmSettings settings) {
        try (InputStream in = Files.newInputStream(settings.serviceAccountFile())) {
            ServiceAccountCredentials.Builder builder = ServiceAccountCredentials.fromStream(in).toBuilder()
                    .setScopes(List.of(SCOPE));
            settings.tokenEndpoint().ifPresent(builder::setTokenServerUri);
            ServiceAccountCredentials credentials = builder.build();
            if (credentials.getProjectId() == null) {
                throw new IllegalArgumentException("PIDGR_FCM_SERVICE_ACCOUNT_FILE has no project_id");
            }
            return new FcmSender(credentials, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "PIDGR_FCM_SERVICE_ACCOUNT_FILE cannot be read as a service account key", e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.CHANNEL_FCM;
    }

    @Override
    public CompletionStage<Attempt> send(Outgoing message) {
        return limit.submit(() -> CompletableFuture.supplyAsync(this::accessToken, tokens)
                .thenCompose(token -> http.sendAsync(request(message, token), HttpResponse.BodyHandlers.ofString()))
                .handle((response, failure) -> failure == null
                        ? FcmAnswers.of(response.statusCode(), response.body(),
                                response.headers().firstValue("Retry-After"))
                        : noAnswer(failure))
                .thenApply(attempt -> Refusals.logged(LOG, message, attempt)));
    }

    private HttpRequest request(Outgoing message, String token) {
        return HttpRequest.newBuilder(sendUri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FcmMessage.of(message)))
                .build();
    }

    private String accessToken() {
        try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw new TokenUnavailable(e);
        }
    }

    /**
     * No answer from FCM: no token (the token endpoint refused the service account for good, or could not be
     * reached), or FCM itself could not be reached or timed out. Only the cause's type goes into the reason.
     */
    private static Attempt noAnswer(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TokenUnavailable && cause.getCause() instanceof Retryable refused
                && !refused.isRetryable()) {
            return new Attempt.Failed("the OAuth token endpoint refused the service account");
        }
        String what = cause instanceof TokenUnavailable ? "no OAuth token for FCM" : "no answer from FCM";
        Throwable root = cause instanceof TokenUnavailable && cause.getCause() != null ? cause.getCause() : cause;
        return new Attempt.Transient(what + ": " + root.getClass().getSimpleName(), Optional.empty());
    }

    @Override
    public void close() {
        tokens.shutdownNow();
        http.close();
    }

    /** The token exchange failed; carries the cause's type only, never the answer's text. */
    private static final class TokenUnavailable extends RuntimeException {
        TokenUnavailable(IOException cause) {
            super("no OAuth token", cause);
        }
    }
}
